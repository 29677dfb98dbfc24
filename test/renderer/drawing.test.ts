import { describe, expect, it } from 'vitest';
import type { Frame, LayerFrame, UnitDetail } from '../../src/core/protocol/messages';
import { deadReason } from '../../src/renderer/builder/deadReason';
import { networkGeometry } from '../../src/renderer/builder/geometry';
import {
  BAND_THRESHOLD, REVIVED_FRAMES, drawsAsBand, linkStyle, maxAbs, unitState,
} from '../../src/renderer/builder/unitState';
import { emptyRevivals, trackRevivals } from '../../src/renderer/store/revivals';

const hist = { counts: new Uint32Array(4), min: 0, max: 1 };

function layer(index: number, dead: number[], activation: LayerFrame['activation'] = 'relu'): LayerFrame {
  const units = dead.length;
  return {
    index, units, activation, zeroGradientWhenInactive: activation === 'relu' || activation === 'relu6',
    inactiveFraction: 0.5, zeroFraction: 0.5, deadCount: dead.filter(Boolean).length, gradNorm: 0, weightNorm: 0,
    updateRatio: 0, alpha: null, activationRate: Float32Array.from(dead, (d) => (d ? 0 : 0.5)),
    preMax: Float32Array.from(dead, (d) => (d ? -1 : 1)), deadMask: Uint8Array.from(dead),
    preHist: hist, postHist: hist, gradHist: hist, weightHist: hist, weight: null, bias: null,
  };
}

function frame(seq: number, layers: LayerFrame[]): Frame {
  return { seq, step: seq, epoch: 0, loss: 1, accuracy: null, testLoss: null, testAccuracy: null, probeSize: 100, probe: { samples: 100, slice: 0, slices: 1 }, layers, outputWeight: null, boundary: null, unit: null };
}

describe('unit states', () => {
  it('a never-positive relu unit is dead, a never-positive leaky unit is dormant', () => {
    expect(unitState(layer(0, [1, 0]), 0, null)).toBe('dead');
    expect(unitState(layer(0, [1, 0]), 1, null)).toBe('alive');
    expect(unitState(layer(0, [1, 0], 'relu6'), 0, null)).toBe('dead');
    expect(unitState(layer(0, [1, 0], 'leaky-relu'), 0, null)).toBe('dormant');
    expect(unitState(layer(0, [1, 0], 'elu'), 0, null)).toBe('dormant');
  });

  it('a unit dead in an earlier frame and alive now is revived, for a while', () => {
    let r = trackRevivals(emptyRevivals(), frame(1, [layer(0, [1, 1], 'leaky-relu')]));
    r = trackRevivals(r, frame(2, [layer(0, [0, 1], 'leaky-relu')]));
    const now = layer(0, [0, 1], 'leaky-relu');
    expect(unitState(now, 0, r)).toBe('revived');
    expect(unitState(now, 1, r)).toBe('dormant');
    r = trackRevivals(r, frame(2 + REVIVED_FRAMES, [now]));
    expect(unitState(now, 0, r)).toBe('alive');
  });

  it('a unit that was never dead is never called revived', () => {
    let r = trackRevivals(emptyRevivals(), frame(1, [layer(0, [0, 0])]));
    r = trackRevivals(r, frame(2, [layer(0, [0, 0])]));
    expect(unitState(layer(0, [0, 0]), 0, r)).toBe('alive');
  });

  it('starts over when the network changes shape', () => {
    let r = trackRevivals(emptyRevivals(), frame(1, [layer(0, [1, 1])]));
    r = trackRevivals(r, frame(2, [layer(0, [0, 0, 0])]));
    expect(r.wasDead[0]).toEqual(new Uint8Array(3));
    expect(unitState(layer(0, [0, 0, 0]), 0, r)).toBe('alive');
  });
});

describe('links', () => {
  it('are coloured by sign and grow with magnitude relative to the layer', () => {
    const strong = linkStyle(-2, 2);
    const weak = linkStyle(0.2, 2);
    expect(strong.color).toBe('negative');
    expect(weak.color).toBe('positive');
    expect(strong.width).toBeGreaterThan(weak.width);
    expect(strong.opacity).toBeGreaterThan(weak.opacity);
    expect(linkStyle(10, 2).width).toBe(linkStyle(2, 2).width);
    expect(maxAbs(Float32Array.of(0.5, -3, 2))).toBe(3);
  });

  it('take a few dozen widths and opacities, whatever the weights (the browser keeps a style per value)', () => {
    const widths = new Set<number>();
    const opacities = new Set<number>();
    for (let i = 0; i <= 10_000; i++) {
      const s = linkStyle(Math.sin(i) * 3, 3);
      widths.add(s.width);
      opacities.add(s.opacity);
    }
    expect(widths.size).toBeLessThanOrEqual(57);
    expect(opacities.size).toBeLessThanOrEqual(16);
  });
});

describe('layout', () => {
  it('draws wide layers as a band and narrow ones as circles', () => {
    expect(drawsAsBand(BAND_THRESHOLD)).toBe(false);
    expect(drawsAsBand(BAND_THRESHOLD + 1)).toBe(true);
    const g = networkGeometry([784, 256, 128, 10], 800, 500);
    expect(g.columns.map((c) => c.band)).toEqual([true, true, true, false]);
    // A band fits in the drawing however many units it has.
    for (const c of g.columns) expect(c.top + c.height).toBeLessThanOrEqual(g.height);
  });

  it('places columns left to right with circles that do not overlap', () => {
    const g = networkGeometry([2, 8, 8, 3], 600, 400);
    const xs = g.columns.map((c) => c.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const hidden = g.columns[1];
    expect(hidden.y[1] - hidden.y[0]).toBeGreaterThanOrEqual(2 * 10);
    expect(g.width).toBeGreaterThanOrEqual(600 - 1);
  });

  it('fits three hidden layers in the centre of a 1024 px window, and scrolls sideways only past what fits', () => {
    // The centre at 1024 × 700: the window less the sidebar and the instruments, less a vertical scrollbar.
    const centre = 1024 - 236 - 307 - 15;
    expect(networkGeometry([2, 32, 32, 32, 3], centre, 400).width).toBeLessThanOrEqual(centre);
    expect(networkGeometry([2, ...Array(10).fill(16), 2], centre, 400).width).toBeGreaterThan(centre);
  });
});

describe('why a unit is dead', () => {
  it('names the probe set, the largest pre-activation and a dominating bias', () => {
    const detail: UnitDetail = { layer: 0, unit: 0, preHist: hist, incoming: Float32Array.of(0.5, -0.7), bias: -100, activationRate: 0, preMax: -98.8 };
    expect(deadReason(detail, 1024, true)).toBe(
      'pre-activation ≤ 0 for all 1024 probe samples (max −98.8); bias −100 dominates — its gradient is 0 everywhere, so training cannot revive it.',
    );
  });

  it('blames the weights when the bias is small, and says a dormant unit can recover', () => {
    const detail: UnitDetail = { layer: 0, unit: 0, preHist: hist, incoming: Float32Array.of(-2, -3), bias: 0.1, activationRate: 0, preMax: -0.4 };
    const text = deadReason(detail, 480, false);
    expect(text).toContain('its weights push every input below zero');
    expect(text).toContain('can recover');
  });
});
