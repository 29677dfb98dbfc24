import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src/core/experiment/types';
import { plainKernels } from '../../src/core/kernels/plain';
import { createWasmKernels } from '../../src/core/kernels/wasm/index';
import { activate } from '../../src/core/nn/activations';
import { Network } from '../../src/core/nn/network';
import { LOSSES } from '../../src/core/nn/losses';
import { Rng } from '../../src/core/random/rng';
import { histogram, histogramEdges } from '../../src/core/train/histogram';
import { createLayerStats, deadUnits, measureLayer } from '../../src/core/train/layer-stats';
import { golden, loadedNetwork } from './golden-mlp';

describe('the subject’s examples', () => {
  it('ReLU of [-3, -1, 0, 2, 5] is [0, 0, 0, 2, 5]', () => {
    const x = Float32Array.of(-3, -1, 0, 2, 5);
    const y = new Float32Array(5);
    activate('relu', 0, x, y, 5);
    expect(Array.from(y)).toEqual([0, 0, 0, 2, 5]);
  });

  it('[-2.1, 3.5, -0.8, 1.2, -1.5] through ReLU is 60 % sparse', () => {
    // One unit seen on five probe samples.
    const pre = Float32Array.of(-2.1, 3.5, -0.8, 1.2, -1.5);
    const post = new Float32Array(5);
    activate('relu', 0, pre, post, 5);
    const stats = createLayerStats(1);
    measureLayer(stats, pre, post, 5);
    expect(stats.inactiveFraction).toBeCloseTo(0.6, 12);
    expect(stats.zeroFraction).toBeCloseTo(0.6, 12);
    expect(stats.deadCount).toBe(0);
  });

  it('a layer with bias −100 is entirely dead and its incoming weights get no gradient', () => {
    const spec: NetworkSpec = {
      inputs: 2,
      loss: 'softmax-cross-entropy',
      layers: [
        { units: 8, activation: { kind: 'relu' }, init: 'he-normal', bias: -100 },
        { units: 3, activation: { kind: 'linear' }, init: 'he-normal', bias: null },
      ],
    };
    const net = new Network(spec, 16);
    net.initialize(new Rng(7));
    const rng = new Rng(8);
    const x = new Float32Array(16 * 2).map(() => rng.normal());
    const labels = Int32Array.from({ length: 16 }, (_, i) => i % 3);
    const y = new Float32Array(16 * 3);
    labels.forEach((c, i) => (y[i * 3 + c] = 1));
    const out = net.forward(x, 16);
    const dOut = new Float32Array(16 * 3);
    expect(LOSSES['softmax-cross-entropy'].forward(out, y, labels, 16, 3)).toBeGreaterThan(0);
    LOSSES['softmax-cross-entropy'].backward(out, y, labels, 16, 3, dOut);
    net.backward(x, dOut, 16);

    const first = net.layers[0];
    const stats = createLayerStats(first.units);
    measureLayer(stats, first.pre, first.post, 16);
    expect(stats.deadCount).toBe(8);
    expect(stats.inactiveFraction).toBe(1);
    expect(deadUnits(stats)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(first.gradWeight).every((g) => g === 0)).toBe(true);
    expect(Array.from(first.gradBias).every((g) => g === 0)).toBe(true);
  });
});

describe('per-layer statistics match PyTorch (golden hiddenStats)', () => {
  for (const c of golden.cases) {
    it(c.id, () => {
      const net = loadedNetwork(c);
      const n = c.x.length;
      net.forward(Float32Array.from(c.x.flat()), n);
      for (const expected of c.hiddenStats) {
        const layer = net.layers[expected.layer];
        const stats = createLayerStats(layer.units);
        measureLayer(stats, layer.pre, layer.post, n);
        expect(stats.inactiveFraction).toBeCloseTo(expected.inactiveFraction, 10);
        expect(stats.zeroFraction).toBeCloseTo(expected.zeroFraction, 10);
        expect(deadUnits(stats)).toEqual(expected.deadNeurons);
      }
    });
  }
});

describe('histograms', () => {
  it('uses equal-width bins over [min, max] with the last bin closed', () => {
    const h = histogram(Float32Array.of(0, 1, 2, 3, 4), 5, 4);
    expect(h.min).toBe(0);
    expect(h.max).toBe(4);
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 2]);
    expect(histogramEdges(h)).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives the same bins when measureLayer has already found the range', () => {
    const rng = new Rng(3);
    const pre = Float32Array.from({ length: 60 }, () => rng.normal());
    const post = pre.map((v) => Math.max(0, v));
    const stats = createLayerStats(6);
    measureLayer(stats, pre, post, 10);
    expect(histogram(pre, 60, 7, stats.preRange)).toEqual(histogram(pre, 60, 7));
    expect(histogram(post, 60, 7, stats.postRange)).toEqual(histogram(post, 60, 7));
    pre[5] = NaN;
    measureLayer(stats, pre, post, 10);
    expect(histogram(pre, 60, 7, stats.preRange)).toEqual(histogram(pre, 60, 7));
  });

  it('counts into an array the caller reuses step after step, whatever it held', () => {
    const counts = new Uint32Array(4).fill(7);
    for (const kernels of [plainKernels, createWasmKernels()!]) {
      for (const values of [Float32Array.of(0, 1, 2, 3, 4), Float32Array.of(2, 2, 2), Float32Array.of(NaN)]) {
        const h = histogram(values, values.length, 4, undefined, kernels, counts);
        expect(h.counts).toBe(counts);
        expect(Array.from(counts)).toEqual(Array.from(histogram(values, values.length, 4, undefined, kernels).counts));
        counts.fill(7);
      }
    }
  });

  it('puts equal values in one bin and leaves out non-finite values', () => {
    expect(Array.from(histogram(Float32Array.of(2, 2, 2), 3, 3).counts)).toEqual([3, 0, 0]);
    const h = histogram(Float32Array.of(NaN, -1, Infinity, 1), 4, 2);
    expect([h.min, h.max]).toEqual([-1, 1]);
    expect(Array.from(h.counts)).toEqual([1, 1]);
  });
});
