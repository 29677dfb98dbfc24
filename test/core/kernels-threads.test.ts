import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeHelper } from '../../src/core/host/node-threads';
import { createWasmKernels, type ArenaKernels, type SpawnHelper } from '../../src/core/kernels/wasm/index';
import * as plainOptim from '../../src/core/kernels/optim-plain';
import * as plainStats from '../../src/core/kernels/stats-plain';
import type { ActivationSweep } from '../../src/core/kernels/types';
import { Rng } from '../../src/core/random/rng';

// Whatever this machine's cores: the tests need the helper thread.
const spawn = nodeHelper(1)!;
const one = createWasmKernels({ fusedMultiplyAdd: false }) as ArenaKernels;
const two = createWasmKernels({ fusedMultiplyAdd: false, threads: spawn }) as ArenaKernels;
/** A helper that starts, then fails on its first job: it says so and hands the job back undone. */
const failing: SpawnHelper = (source, data) =>
  spawn(source.replace('const job = Atomics.load(ctl, 0);', "const job = Atomics.load(ctl, 0); throw new Error('helper down');"), data);

/** Kernels whose helper has started (the kernels work alone until it has). */
async function started(threads: SpawnHelper): Promise<ArenaKernels> {
  const kernels = createWasmKernels({ fusedMultiplyAdd: false, threads }) as ArenaKernels;
  await vi.waitUntil(() => kernels.threads === 2, { timeout: 10_000 });
  return kernels;
}

beforeAll(async () => {
  await vi.waitUntil(() => two.threads === 2, { timeout: 10_000 });
});

function random(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** Random A (m×k) and B (n×k), and A·Bᵀ as one thread computes it: the reference the two-thread products must match. */
function oneThreadProduct(m: number, n: number, k: number, seed: number): { a: Float32Array; b: Float32Array; want: Float32Array } {
  const rng = new Rng(seed);
  const a = random(rng, m * k);
  const b = random(rng, n * k);
  const want = new Float32Array(m * n);
  one.gemmNT(m, n, k, a, b, want);
  return { a, b, want };
}

/** Bit for bit, with a readable failure: the index of the first difference (-1: none). */
function firstDifference(a: Float32Array, b: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** The shapes of the MNIST network's products, and odd ones whose halves end in partial row blocks. */
const SHAPES = [[1024, 256, 784], [64, 256, 784], [256, 784, 64], [64, 128, 256], [77, 131, 259], [31, 300, 250]] as const;

describe('the kernels on two threads', () => {
  it('say so in their name', () => {
    expect(one.name).toBe('wasm-simd');
    expect(two.name).toBe('wasm-simd, 2 threads');
  });

  it.each(SHAPES)('give the one-thread bits for A·Bᵀ (+bias, ReLU), A·B and Aᵀ·B (%i×%i×%i)', (m, n, k) => {
    const rng = new Rng(m * n + k);
    const a = random(rng, m * k);
    const b = random(rng, n * k);
    const bias = random(rng, n);
    const [c1, c2, p1, p2] = [0, 1, 2, 3].map(() => new Float32Array(m * n));
    one.gemmNT(m, n, k, a, b, c1, bias);
    two.gemmNT(m, n, k, a, b, c2, bias);
    expect(firstDifference(c1, c2)).toBe(-1);
    one.gemmNTRelu(m, n, k, a, b, c1, p1, bias);
    two.gemmNTRelu(m, n, k, a, b, c2, p2, bias);
    expect(firstDifference(c1, c2)).toBe(-1);
    expect(firstDifference(p1, p2)).toBe(-1);
    const bn = random(rng, k * n);
    one.gemmNN(m, n, k, a, bn, c1);
    two.gemmNN(m, n, k, a, bn, c2);
    expect(firstDifference(c1, c2)).toBe(-1);
    // Aᵀ·B: dW = dPreᵀ·X, A stored k × m.
    const at = random(rng, k * m);
    one.gemmTN(m, n, k, at, bn, c1);
    two.gemmTN(m, n, k, at, bn, c2);
    expect(firstDifference(c1, c2)).toBe(-1);
  });

  it('work on operands in their own (shared) memory as on copied ones', () => {
    const [m, n, k] = [96, 200, 300];
    const { a, b, want } = oneThreadProduct(m, n, k, 3);
    const [pa, pb, pc] = [two.alloc(m * k), two.alloc(n * k), two.alloc(m * n)];
    pa.set(a);
    pb.set(b);
    two.gemmNT(m, n, k, pa, pb, pc);
    expect(firstDifference(pc, want)).toBe(-1);
  });

  it('finish the product themselves when the helper fails, cannot start, or has not started yet', async () => {
    const broken = await started(failing);
    // A helper given no module fails before it is ready; one that was never started never is.
    const stillborn = createWasmKernels({ fusedMultiplyAdd: false, threads: (source, data) => spawn(source, { ...data, module: {} }) }) as ArenaKernels;
    const refused = createWasmKernels({ fusedMultiplyAdd: false, threads: () => false }) as ArenaKernels;
    const pending = createWasmKernels({ fusedMultiplyAdd: false, threads: () => true }) as ArenaKernels;
    expect(refused.name).toBe('wasm-simd');
    const [m, n, k] = [512, 256, 300];
    const { a, b, want } = oneThreadProduct(m, n, k, 5);
    for (const kernels of [broken, stillborn, refused, pending]) {
      for (let round = 0; round < 3; round++) {
        const got = new Float32Array(m * n);
        kernels.gemmNT(m, n, k, a, b, got);
        expect(firstDifference(got, want)).toBe(-1);
      }
      expect(kernels.threads).toBe(1);
    }
  });
});

/** N(0, 1) with runs of exact zeros (a ReLU layer's), a NaN-free sample of what the instruments see. */
function activations(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => {
    const v = rng.normal();
    return v < -0.4 ? 0 : v;
  });
}

function sweep(units: number): ActivationSweep {
  return { positiveCount: new Uint32Array(units), preMax: new Float32Array(units), preMin: 0, postMin: 0, postMax: 0, zeros: 0 };
}

/** A long enough to be split, an odd length, and the MNIST network's shapes (64 samples × 256 and × 128 units, 784 × 256 weights). */
const LENGTHS = [8192, 16_383, 200_704];

describe('the statistics on two threads', () => {
  it.each(LENGTHS)('give the plain versions’ bits (n = %i, copied in and in place, and with a failing helper)', async (n) => {
    const values = activations(new Rng(n), n);
    const range = { min: 0, max: 0 };
    plainStats.minMax(values, n, range);
    const want = new Uint32Array(40);
    plainStats.binCounts(values, n, range.min, range.max, want);
    for (const kernels of [two, await started(failing)]) {
      const inMemory = kernels.alloc(n);
      inMemory.set(values);
      for (const x of [values, inMemory]) {
        expect(kernels.sumSquares(x, n)).toBe(plainStats.sumSquares(values, n));
        const got = { min: 0, max: 0 };
        kernels.minMax(x, n, got);
        expect(got).toEqual(range);
        const counts = new Uint32Array(40);
        kernels.binCounts(x, n, range.min, range.max, counts);
        expect(counts).toEqual(want);
        const pre = x.subarray(0, 64 * 128);
        const sweepWant = sweep(128);
        plainStats.sweepActivations(values, values, 64, 128, sweepWant);
        const sweepGot = sweep(128);
        kernels.sweepActivations(pre, pre, 64, 128, sweepGot);
        expect(sweepGot).toEqual(sweepWant);
      }
    }
  });

  it.each([[64, 256], [64, 128], [1024, 256], [33, 250]])('sweep %i samples × %i units as one thread does', (samples, units) => {
    const rng = new Rng(samples + units);
    const pre = Float32Array.from({ length: samples * units }, () => rng.normal());
    const post = pre.map((v) => (v > 0 ? v : 0));
    const want = sweep(units);
    plainStats.sweepActivations(pre, post, samples, units, want);
    const got = sweep(units);
    two.sweepActivations(pre, post, samples, units, got);
    expect(got).toEqual(want);
  });

  it('keep Math.min’s NaN and signed zeros across the two halves', () => {
    const values = new Float32Array(10_000).fill(1);
    values[9_000] = -0;
    values[100] = 0;
    const range = { min: 0, max: 0 };
    two.minMax(values, values.length, range);
    expect(Object.is(range.min, -0)).toBe(true);
    values[9_999] = NaN;
    two.minMax(values, values.length, range);
    expect(range.min).toBeNaN();
    expect(two.sumSquares(values, values.length)).toBeNaN();
  });
});

describe('the optimizer updates on two threads', () => {
  const n = 200_704 + 5;
  function state(seed: number): Float32Array[] {
    const rng = new Rng(seed);
    return [0, 1, 2, 3].map(() => random(rng, n).map(Math.abs));
  }

  /** Runs `update` on copies of the same state with the plain reference and with `kernels`; the values and state must match to the bit. */
  function sameBits(update: (k: typeof plainOptim | ArenaKernels, s: Float32Array[], round: number) => void, kernels: ArenaKernels): void {
    const want = state(1);
    const got = state(1);
    // Twice: the second step starts from the first one's state (momentum buffers, Adam's moments).
    for (let round = 0; round < 2; round++) {
      update(plainOptim, want, round);
      update(kernels, got, round);
    }
    for (let i = 0; i < want.length; i++) expect(firstDifference(got[i], want[i])).toBe(-1);
  }

  it.each(['two threads', 'a failing helper'])('give the plain bits for SGD, momentum, Nesterov, Adam(W) and RMSprop (%s)', async (which) => {
    const kernels = which === 'two threads' ? two : await started(failing);
    sameBits((k, [v, g]) => k.sgdUpdate!(v, g, n, 0.01, 0), kernels);
    sameBits((k, [v, g]) => k.sgdUpdate!(v, g, n, 0.01, 1e-3), kernels);
    for (const nesterov of [false, true]) {
      sameBits((k, [v, g, b], round) => k.sgdMomentumUpdate!(v, g, b, n, { lr: 0.01, momentum: 0.9, weightDecay: 1e-4, nesterov, first: round === 0 }), kernels);
    }
    const adam = { shrink: 1 - 1e-5, l2: 0, beta1: 0.9, beta2: 0.999, stepSize: 0.01, correction2: Math.sqrt(1 - 0.999), eps: 1e-8 };
    sameBits((k, [v, g, m, q]) => k.adamUpdate!(v, g, m, q, n, adam), kernels);
    sameBits((k, [v, g, s]) => k.rmspropUpdate!(v, g, s, n, { lr: 0.01, rho: 0.99, eps: 1e-8, weightDecay: 1e-3 }), kernels);
  });
});
