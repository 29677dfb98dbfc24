/** Frames as the core sends them, small enough to write out in tests. */
import type { ActivationKind } from '../../src/core/experiment/types';
import type { Frame, Histogram, LayerFrame } from '../../src/core/protocol/messages';

export function hist(min: number, max: number, counts: number[]): Histogram {
  return { min, max, counts: Uint32Array.from(counts) };
}

export interface LayerSketch {
  rates: number[];
  activation?: ActivationKind;
  gradNorm?: number;
  alpha?: number | null;
  pre?: Histogram;
  post?: Histogram;
  weight?: Histogram;
}

export function layerFrame(index: number, s: LayerSketch): LayerFrame {
  const units = s.rates.length;
  const dead = s.rates.filter((r) => r === 0).length;
  const inactive = 1 - s.rates.reduce((a, b) => a + b, 0) / units;
  const activation = s.activation ?? 'relu';
  return {
    index, units, activation,
    zeroGradientWhenInactive: activation === 'relu' || activation === 'relu6',
    inactiveFraction: inactive,
    zeroFraction: inactive,
    deadCount: dead,
    gradNorm: s.gradNorm ?? 0.5,
    weightNorm: 2,
    updateRatio: 1e-3,
    alpha: s.alpha ?? null,
    activationRate: Float32Array.from(s.rates),
    preMax: new Float32Array(units),
    deadMask: Uint8Array.from(s.rates.map((r) => (r === 0 ? 1 : 0))),
    preHist: s.pre ?? hist(-1, 1, [1, 2, 3, 4]),
    postHist: s.post ?? hist(0, 1, [3, 2, 1, 4]),
    gradHist: hist(-0.1, 0.1, [1, 1, 1, 1]),
    weightHist: s.weight ?? hist(-0.5, 0.5, [2, 2, 2, 2]),
    weight: null,
    bias: null,
  };
}

export function frame(step: number, layers: LayerSketch[], extra: Partial<Frame> = {}): Frame {
  return {
    seq: step, step, epoch: step / 10, loss: 1 / (1 + step), accuracy: 0.5, testLoss: null, testAccuracy: null,
    probeSize: 100, probe: { samples: 100, slice: 0, slices: 1 }, layers: layers.map((l, i) => layerFrame(i, l)), outputWeight: null, boundary: null, unit: null, ...extra,
  };
}
