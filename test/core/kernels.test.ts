import { describe, expect, it } from 'vitest';
import { defaultKernels, getKernels, plainKernels, referenceKernels } from '../../src/core/kernels/index';
import type { Kernels } from '../../src/core/kernels/types';
import { Rng } from '../../src/core/random/rng';

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [7, 5, 3],
  [4, 8, 12],
  [65, 33, 17],
  [64, 10, 128],
  [130, 6, 9],
];
/** Extra values after each matrix: kernels must read and write only the matrix itself. */
const SLACK = 3;
const SENTINEL = 12345;

function random(length: number, rng: Rng): Float32Array {
  const a = new Float32Array(length + SLACK);
  for (let i = 0; i < length; i++) a[i] = rng.uniform(-1, 1);
  a.fill(Number.NaN, length); // NaN past the end would poison any result that read it
  return a;
}

function output(length: number): Float32Array {
  return new Float32Array(length + SLACK).fill(SENTINEL);
}

function expectSame(actual: Float32Array, expected: Float32Array, length: number): void {
  for (let i = 0; i < length; i++) {
    if (Math.abs(actual[i] - expected[i]) > 1e-5 * (1 + Math.abs(expected[i]))) {
      expect.fail(`c[${i}]: ${actual[i]} vs reference ${expected[i]}`);
    }
  }
  for (let i = length; i < length + SLACK; i++) expect(actual[i]).toBe(SENTINEL);
}

function checkAgainstReference(kernels: Kernels, shapes: [number, number, number][]): void {
  const rng = new Rng(7);
  for (const [m, n, k] of shapes) {
    const label = `${m}×${n}×${k}`;
    // gemmNT: A m×k, B n×k, with and without bias.
    {
      const a = random(m * k, rng), b = random(n * k, rng), bias = random(n, rng);
      for (const withBias of [false, true]) {
        const c = output(m * n), r = output(m * n);
        kernels.gemmNT(m, n, k, a, b, c, withBias ? bias : undefined);
        referenceKernels.gemmNT(m, n, k, a, b, r, withBias ? bias : undefined);
        expectSame(c, r, m * n);
        expect(Number.isFinite(c[0]), `gemmNT ${label}`).toBe(true);
      }
    }
    // gemmNN: A m×k, B k×n.
    {
      const a = random(m * k, rng), b = random(k * n, rng);
      const c = output(m * n), r = output(m * n);
      kernels.gemmNN(m, n, k, a, b, c);
      referenceKernels.gemmNN(m, n, k, a, b, r);
      expectSame(c, r, m * n);
    }
    // gemmTN: A k×m, B k×n.
    {
      const a = random(k * m, rng), b = random(k * n, rng);
      const c = output(m * n), r = output(m * n);
      kernels.gemmTN(m, n, k, a, b, c);
      referenceKernels.gemmTN(m, n, k, a, b, r);
      expectSame(c, r, m * n);
    }
  }
}

describe('reference kernels', () => {
  it('compute the textbook products on a 2×2 example', () => {
    const a = Float32Array.of(1, 2, 3, 4); // [[1, 2], [3, 4]]
    const b = Float32Array.of(5, 6, 7, 8); // [[5, 6], [7, 8]]
    const c = new Float32Array(4);
    referenceKernels.gemmNN(2, 2, 2, a, b, c);
    expect(Array.from(c)).toEqual([19, 22, 43, 50]); // A·B
    referenceKernels.gemmNT(2, 2, 2, a, b, c, Float32Array.of(100, 200));
    expect(Array.from(c)).toEqual([117, 223, 139, 253]); // A·Bᵀ + bias
    referenceKernels.gemmTN(2, 2, 2, a, b, c);
    expect(Array.from(c)).toEqual([26, 30, 38, 44]); // Aᵀ·B
  });
});

describe('plain kernels', () => {
  it('agree with the reference on odd and tiled shapes, all three layouts, bias included', () => {
    checkAgainstReference(plainKernels, SHAPES);
  });

  it('stay right when shapes shrink after large ones (scratch space is reused between calls)', () => {
    checkAgainstReference(plainKernels, [...SHAPES].reverse());
  });

  it('are the default until something faster is installed', () => {
    expect(defaultKernels).toBe(plainKernels);
    expect(getKernels()).toBe(plainKernels);
  });
});
