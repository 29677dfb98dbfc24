import { describe, expect, it } from 'vitest';
import { adamUpdate, rmspropUpdate, sgdMomentumUpdate, sgdUpdate } from '../../src/core/kernels/optim-plain';
import type { AdamCoefficients, RmsPropCoefficients, SgdCoefficients } from '../../src/core/kernels/types';
import { createWasmKernels, type ArenaKernels } from '../../src/core/kernels/wasm/index';
import { Rng } from '../../src/core/random/rng';

const wasm = createWasmKernels({ fusedMultiplyAdd: false }) as ArenaKernels;

/** Weights, gradients and optimizer state as training has them, with a few exact zeros. */
function tensor(rng: Rng, n: number, scale: number, positive = false): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rng.normal() * scale;
    out[i] = i % 11 === 3 ? 0 : positive ? v * v : v;
  }
  return out;
}

/** The same tensors twice: ordinary arrays (copied into the kernels' memory) and views of that memory (used in place). */
function both(arrays: Float32Array[]): [Float32Array[], Float32Array[]] {
  return [arrays.map((a) => a.slice()), arrays.map((a) => { const v = wasm.alloc(a.length); v.set(a); return v; })];
}

const LENGTHS = [0, 1, 2, 3, 17, 1000, 200_001];

/**
 * Runs `update` three times (state carries over) on the plain loops and on
 * the WebAssembly kernels, and expects the same bits in every array.
 */
function expectSameBits(n: number, make: (rng: Rng) => Float32Array[], plain: (t: Float32Array[], step: number) => void, kernel: (t: Float32Array[], step: number) => void): void {
  const start = make(new Rng(n + 7));
  const want = start.map((a) => a.slice());
  const [copied, inPlace] = both(start);
  for (let step = 1; step <= 3; step++) {
    plain(want, step);
    kernel(copied, step);
    kernel(inPlace, step);
  }
  want.forEach((w, i) => {
    expect(firstDifference(copied[i], w), `array ${i}, copied in`).toBe(-1);
    expect(firstDifference(inPlace[i], w), `array ${i}, in place`).toBe(-1);
  });
}

/** Where two float32 arrays first differ in their bits (-1: nowhere); a deep toEqual of 200k floats takes seconds. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('the WebAssembly optimizer updates give the plain loops’ bits', () => {
  it.each(LENGTHS)('sgd, without and with weight decay (n = %i)', (n) => {
    for (const wd of [0, 0.01]) {
      expectSameBits(n, (rng) => [tensor(rng, n, 0.1), tensor(rng, n, 0.01)],
        ([value, grad]) => sgdUpdate(value, grad, n, 0.05, wd),
        ([value, grad]) => wasm.sgdUpdate(value, grad, n, 0.05, wd));
    }
  });

  it.each(LENGTHS)('sgd with momentum, plain and Nesterov, from the first step (n = %i)', (n) => {
    for (const nesterov of [false, true]) {
      const coefficients = (step: number): SgdCoefficients => ({ lr: 0.1, momentum: 0.9, weightDecay: 5e-4, nesterov, first: step === 1 });
      expectSameBits(n, (rng) => [tensor(rng, n, 0.1), tensor(rng, n, 0.01), tensor(rng, n, 0.01)],
        ([value, grad, buf], step) => sgdMomentumUpdate(value, grad, buf, n, coefficients(step)),
        ([value, grad, buf], step) => wasm.sgdMomentumUpdate(value, grad, buf, n, coefficients(step)));
    }
  });

  it.each(LENGTHS)('adam and adamw (n = %i)', (n) => {
    for (const decoupled of [false, true]) {
      const lr = 1e-3, wd = 0.01, beta1 = 0.9, beta2 = 0.999;
      const coefficients = (t: number): AdamCoefficients => ({
        shrink: decoupled ? 1 - lr * wd : 1, l2: decoupled ? 0 : wd, beta1, beta2,
        stepSize: lr / (1 - beta1 ** t), correction2: Math.sqrt(1 - beta2 ** t), eps: 1e-8,
      });
      expectSameBits(n, (rng) => [tensor(rng, n, 0.1), tensor(rng, n, 0.01), tensor(rng, n, 0.001), tensor(rng, n, 1e-4, true)],
        ([value, grad, m, v], t) => adamUpdate(value, grad, m, v, n, coefficients(t)),
        ([value, grad, m, v], t) => wasm.adamUpdate(value, grad, m, v, n, coefficients(t)));
    }
  });

  it.each(LENGTHS)('rmsprop (n = %i)', (n) => {
    const coefficients: RmsPropCoefficients = { lr: 0.01, rho: 0.99, eps: 1e-8, weightDecay: 1e-4 };
    expectSameBits(n, (rng) => [tensor(rng, n, 0.1), tensor(rng, n, 0.01), tensor(rng, n, 1e-4, true)],
      ([value, grad, sq]) => rmspropUpdate(value, grad, sq, n, coefficients),
      ([value, grad, sq]) => wasm.rmspropUpdate(value, grad, sq, n, coefficients));
  });

  it('carries NaN and infinity through as the plain loops do', () => {
    const value = Float32Array.of(1, 2, NaN, 4, 5);
    const grad = Float32Array.of(Infinity, 0, 1, -Infinity, NaN);
    const plain = value.slice();
    sgdUpdate(plain, grad, 5, 0.1, 0.5);
    wasm.sgdUpdate(value, grad, 5, 0.1, 0.5);
    expect(Array.from(value)).toEqual(Array.from(plain));
    expect(Array.from(value)).toEqual([-Infinity, Math.fround(1.9), NaN, Infinity, NaN]);
  });
});
