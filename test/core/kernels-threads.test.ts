import { describe, expect, it } from 'vitest';
import { nodeHelper } from '../../src/core/host/node-threads';
import { createWasmKernels, type ArenaKernels, type SpawnHelper } from '../../src/core/kernels/wasm/index';
import { Rng } from '../../src/core/random/rng';

// Whatever this machine's cores: the tests need the helper thread.
const spawn = nodeHelper(1)!;
const one = createWasmKernels({ fusedMultiplyAdd: false }) as ArenaKernels;
const two = createWasmKernels({ fusedMultiplyAdd: false, threads: spawn }) as ArenaKernels;

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

  it('finish the product themselves when the helper fails, or cannot start', () => {
    // A helper given no module fails at once: it says so and hands every job back undone.
    const failing: SpawnHelper = (source, data) => spawn(source, { ...data, module: {} });
    const broken = createWasmKernels({ fusedMultiplyAdd: false, threads: failing }) as ArenaKernels;
    const refused = createWasmKernels({ fusedMultiplyAdd: false, threads: () => false }) as ArenaKernels;
    expect(refused.name).toBe('wasm-simd');
    const [m, n, k] = [512, 256, 300];
    const { a, b, want } = oneThreadProduct(m, n, k, 5);
    for (const kernels of [broken, refused]) {
      for (let round = 0; round < 3; round++) {
        const got = new Float32Array(m * n);
        kernels.gemmNT(m, n, k, a, b, got);
        expect(firstDifference(got, want)).toBe(-1);
      }
    }
  });
});
