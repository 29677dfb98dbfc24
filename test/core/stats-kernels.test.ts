import { describe, expect, it } from 'vitest';
import { plainKernels } from '../../src/core/kernels/index';
import { binCounts, minMax, sumSquares, sweepActivations } from '../../src/core/kernels/stats-plain';
import type { ActivationSweep } from '../../src/core/kernels/types';
import { createWasmKernels, type ArenaKernels } from '../../src/core/kernels/wasm/index';
import { Rng } from '../../src/core/random/rng';
import { histogram } from '../../src/core/train/histogram';
import { createLayerStats, l2norm, measureLayer } from '../../src/core/train/layer-stats';

const wasm = createWasmKernels() as ArenaKernels;

/** Mostly N(0, 1), with runs of exact zeros of both signs, as ReLU layers and their gradients have. */
function activations(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rng.normal();
    out[i] = v < -0.5 ? 0 : v < -0.3 ? -0 : v;
  }
  return out;
}

function sweep(units: number): ActivationSweep {
  return { positiveCount: new Uint32Array(units), preMax: new Float32Array(units), preMin: 0, postMin: 0, postMax: 0, zeros: 0 };
}

const LENGTHS = [0, 1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 33, 40, 511, 512, 513, 1000, 4096 + 37, 200_003];

describe('sumSquares', () => {
  it.each(LENGTHS)('gives the plain version’s bits on the WebAssembly kernels (n = %i, copied in and in place)', (n) => {
    const values = activations(new Rng(n + 1), n + 3);
    const want = sumSquares(values, n);
    expect(wasm.sumSquares(values, n)).toBe(want);
    const inArena = wasm.alloc(values.length);
    inArena.set(values);
    expect(wasm.sumSquares(inArena, n)).toBe(want);
  });

  it('is the sum of the squares within a millionth', () => {
    const values = activations(new Rng(5), 100_001);
    let exact = 0;
    for (const v of values) exact += v * v;
    expect(Math.abs(sumSquares(values, values.length) / exact - 1)).toBeLessThan(1e-6);
    expect(sumSquares(Float32Array.of(3, 4), 2)).toBe(25);
  });

  it.each([
    ['tiny values, whose float32 squares would underflow', 1e-25],
    ['huge values, whose float32 squares would overflow', 1e25],
  ])('sums %s with float64 squares instead', (_, scale) => {
    const values = activations(new Rng(6), 4099).map((v) => v * scale);
    let exact = 0;
    for (const v of values) exact += v * v;
    expect(Math.abs(sumSquares(values, values.length) / exact - 1)).toBeLessThan(1e-12);
    expect(wasm.sumSquares(values, values.length)).toBe(sumSquares(values, values.length));
  });

  it('propagates NaN and infinity', () => {
    const values = new Float32Array(40).fill(1);
    values[13] = NaN;
    expect(wasm.sumSquares(values, 40)).toBeNaN();
    values[13] = -Infinity;
    expect(wasm.sumSquares(values, 40)).toBe(Infinity);
  });

  it('makes l2norm the same on every kernel set, so a run’s recorded norms do not depend on the machine', () => {
    const weights = activations(new Rng(9), 784 * 256);
    expect(l2norm(weights, weights.length, wasm)).toBe(l2norm(weights, weights.length, plainKernels));
    expect(l2norm(Float32Array.of(3, 4, 12), 3, wasm)).toBe(13);
  });
});

describe('minMax', () => {
  const cases: [string, number[]][] = [
    ['empty', []],
    ['one value', [2.5]],
    ['-0 below +0 for min, +0 above -0 for max', [0, -0, 0, -0, 0]],
    ['only -0', [-0, -0, -0, -0, -0, -0]],
    ['a NaN in the vector part', [1, 2, NaN, 4, 5, 6, 7, 8, 9]],
    ['a NaN in the tail', [1, 2, 3, 4, 5, 6, 7, 8, NaN]],
    ['infinities', [1, -Infinity, 3, Infinity, 5]],
    // Eight values and more go through the fast blocks (pmin/pmax), which do not tell -0 from +0 or see NaN.
    ['a minimum of -0 among zeros of both signs, in the blocks', [0, 5, -0, 2, 0, 7, -0, 1, 0, 3, 4, 6, 8, 9, 2, 1]],
    ['a maximum of +0 among zeros of both signs, in the blocks', [-3, -0, 0, -5, -1, -0, -2, -4, -6, -0, -7, -8, -9, -1, -2, -3]],
    ['a NaN in the blocks', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN, 12, 13, 14, 15, 16, 17]],
    ['infinities in the blocks', [1, -Infinity, 3, Infinity, 5, 6, 7, 8, 9]],
  ];
  it.each(cases)('is Math.min/Math.max on the WebAssembly kernels: %s', (_, list) => {
    const values = Float32Array.from(list);
    const want = { min: 0, max: 0 };
    minMax(values, values.length, want);
    expect(want.min).toBe(list.reduce((a, b) => Math.min(a, b), Infinity));
    expect(want.max).toBe(list.reduce((a, b) => Math.max(a, b), -Infinity));
    const got = { min: 0, max: 0 };
    wasm.minMax(values, values.length, got);
    expect(got).toEqual(want);
    expect(Object.is(got.min, want.min) && Object.is(got.max, want.max)).toBe(true);
  });

  it.each(LENGTHS)('matches the plain version on %i values', (n) => {
    const values = activations(new Rng(n + 7), n);
    const want = { min: 0, max: 0 };
    const got = { min: 0, max: 0 };
    minMax(values, n, want);
    wasm.minMax(values, n, got);
    expect(got).toEqual(want);
  });
});

describe('sweepActivations', () => {
  const SHAPES: [number, number][] = [[1, 1], [5, 3], [64, 4], [7, 13], [64, 256], [33, 130]];
  it.each(SHAPES)('finds on the WebAssembly kernels what the plain sweep finds (%i samples × %i units)', (samples, units) => {
    const rng = new Rng(samples * 1000 + units);
    const pre = activations(rng, samples * units + 4);
    const post = pre.map((v) => (v > 0 ? v : 0));
    const want = sweep(units);
    sweepActivations(pre, post, samples, units, want);
    const got = sweep(units);
    got.positiveCount.fill(99);
    got.preMax.fill(99);
    wasm.sweepActivations(pre, post, samples, units, got);
    expect(got).toEqual(want);
  });

  it('keeps Math.min and Math.max’s signed zeros: -0 in post, a unit whose largest pre is 0, a dead layer', () => {
    const samples = 16;
    const units = 12;
    const pre = activations(new Rng(4), samples * units);
    // post with -0s (a leaky or linear layer passes them on), then pre as its own post.
    const cases: [Float32Array, Float32Array][] = [[pre, pre.map((v) => (v > 0 ? v : v === 0 ? -0 : 0))], [pre, pre]];
    // +0 first in every unit, -0 later: the smallest post is -0.
    cases.push([pre, pre.map((v, i) => (v > 0 ? v : i < units ? 0 : -0))]);
    const zeroMax = pre.map((v, i) => (i % units === 5 ? (v > 0 ? -v : v === 0 ? 0 : v) : v));
    zeroMax[5] = 0;
    cases.push([zeroMax, zeroMax.map((v) => (v > 0 ? v : 0))]);
    const dead = pre.map((v) => -Math.abs(v) - 1);
    cases.push([dead, new Float32Array(dead.length)]);
    for (const [p, q] of cases) {
      const want = sweep(units);
      sweepActivations(p, q, samples, units, want);
      const got = sweep(units);
      wasm.sweepActivations(p, q, samples, units, got);
      expect(got).toEqual(want);
    }
  });

  it('lets NaN through to the ranges and the unit’s preMax, as Math.max does', () => {
    const pre = Float32Array.of(1, -2, 3, 4, 5, NaN, -1, 0);
    const post = Float32Array.of(1, 0, 3, 4, 5, NaN, 0, 0);
    const got = sweep(4);
    wasm.sweepActivations(pre, post, 2, 4, got);
    expect(Array.from(got.positiveCount)).toEqual([2, 0, 1, 1]);
    expect(Array.from(got.preMax)).toEqual([5, NaN, 3, 4]);
    expect(got.preMin).toBeNaN();
    expect(got.postMax).toBeNaN();
    expect(got.zeros).toBe(3);
  });

  it('gives measureLayer the same statistics and histograms on either kernel set', () => {
    const samples = 64;
    const units = 130;
    const rng = new Rng(3);
    const pre = activations(rng, samples * units);
    const post = pre.map((v) => (v > 0 ? v : 0));
    const grad = activations(rng, samples * units);
    const [a, b] = [createLayerStats(units), createLayerStats(units)];
    measureLayer(a, pre, post, samples, plainKernels);
    measureLayer(b, pre, post, samples, wasm);
    expect(b).toEqual(a);
    expect(histogram(pre, pre.length, 40, b.preRange, wasm)).toEqual(histogram(pre, pre.length, 40, a.preRange, plainKernels));
    expect(histogram(grad, grad.length, 40, undefined, wasm)).toEqual(histogram(grad, grad.length, 40, undefined, plainKernels));
  });
});

describe('binCounts', () => {
  it.each(LENGTHS.filter((n) => n > 0))('counts on the WebAssembly kernels what the plain loop counts (%i values, ReLU-like)', (n) => {
    const values = activations(new Rng(n + 11), n);
    const range = { min: 0, max: 0 };
    minMax(values, n, range);
    if (range.max === range.min) return;
    for (const bins of [1, 3, 40]) {
      const want = new Uint32Array(bins);
      binCounts(values, n, range.min, range.max, want);
      const got = new Uint32Array(bins).fill(7);
      wasm.binCounts(values, n, range.min, range.max, got);
      expect(got).toEqual(want);
      expect(got.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it('leaves out NaN, infinities and values outside [min, max], and closes the last bin', () => {
    const values = Float32Array.of(0, 1, 2, 3, 4, NaN, Infinity, -Infinity, -1, 5, 4, 4, 0.5);
    const counts = new Uint32Array(4);
    wasm.binCounts(values, values.length, 0, 4, counts);
    expect(Array.from(counts)).toEqual([2, 1, 1, 4]);
  });

  it('counts values whose float32 arithmetic overflows the same on both kernel sets: ∞ to the last bin, ∞/∞ to the first', () => {
    // A finite range whose (v − min) · bins overflows: 1e38 and 3e38 go to the last bin, where their bins lie.
    const wide = Float32Array.of(0, 1e38, 3e38, 1e36);
    // A range that itself overflows (max − min = ∞): every value's quotient is 0 or ∞/∞.
    const wider = Float32Array.of(-3e38, 3e38, 0);
    for (const [values, want] of [[wide, [2, 0, 0, 2]], [wider, [3, 0, 0, 0]]] as const) {
      const range = { min: 0, max: 0 };
      minMax(values, values.length, range);
      const plain = new Uint32Array(4);
      binCounts(values, values.length, range.min, range.max, plain);
      const got = new Uint32Array(4);
      wasm.binCounts(values, values.length, range.min, range.max, got);
      expect(Array.from(plain)).toEqual(want);
      expect(got).toEqual(plain);
    }
  });

  it('computes the bin in float32 as torch.histc does, where float64 would put an edge value one bin lower', () => {
    // Float32 bounds 0.4 and 2.8000002: the float32 value nearest 1.2 is a hair
    // below the edge between bins 0 and 1 of 3 (float64 gives 0.99999998), but
    // float32's (v − min) · 3 / (max − min) rounds to exactly 1, as torch.histc's does.
    const [min, max, v] = [Math.fround(0.4), 2.8000001907348633, Math.fround(1.2)];
    expect(Math.fround(max)).toBe(max);
    expect(((v - min) * 3) / (max - min)).toBeLessThan(1);
    const values = Float32Array.of(min, v, max);
    const want = new Uint32Array(3);
    binCounts(values, 3, min, max, want);
    const got = new Uint32Array(3);
    wasm.binCounts(values, 3, min, max, got);
    expect(Array.from(want)).toEqual([1, 1, 1]);
    expect(got).toEqual(want);
  });
});
