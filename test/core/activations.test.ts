import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationKind } from '../../src/core/experiment/types';
import { activate, activateBackward, resolveActivation } from '../../src/core/nn/activations';
import { erf } from '../../src/core/nn/erf';

interface ActivationCase {
  activation: ActivationKind;
  params: { alpha?: number };
  x: number[];
  upstream: number[];
  y: number[];
  dx: number[];
  dalpha?: number;
}

const golden = JSON.parse(readFileSync(new URL('../fixtures/activations.json', import.meta.url), 'utf8')) as {
  cases: ActivationCase[];
};

/** The README's single-pass tolerance: |a − b| ≤ 1e-4 + 1e-4·|b|. */
function expectAllClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length).toBeGreaterThanOrEqual(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= 1e-4 + 1e-4 * Math.abs(expected[i]);
    if (!ok) expect.fail(`${what}[${i}]: got ${actual[i]}, PyTorch ${expected[i]}`);
  }
}

describe('activations match PyTorch (test/fixtures/activations.json)', () => {
  it.each(golden.cases.map((c) => [`${c.activation} ${JSON.stringify(c.params)}`, c] as const))('%s', (_, c) => {
    const { kind, alpha } = resolveActivation({ kind: c.activation, alpha: c.params.alpha });
    const n = c.x.length;
    const pre = Float32Array.from(c.x);
    const post = new Float32Array(n);
    activate(kind, alpha, pre, post, n);
    expectAllClose(post, c.y, 'y');

    const gradPre = new Float32Array(n);
    const dalpha = activateBackward(kind, alpha, pre, post, Float32Array.from(c.upstream), gradPre, n);
    expectAllClose(gradPre, c.dx, 'dx');
    if (c.dalpha !== undefined) expectAllClose([dalpha], [c.dalpha], 'dalpha');
  });

  it('covers every activation kind the fixture has', () => {
    const kinds = new Set(golden.cases.map((c) => c.activation));
    expect(kinds.size).toBe(13);
  });
});

describe('activation conventions', () => {
  it('relu zeroes negatives and passes positives: [-3, -1, 0, 2, 5] → [0, 0, 0, 2, 5]', () => {
    const post = new Float32Array(5);
    activate('relu', 0, Float32Array.of(-3, -1, 0, 2, 5), post, 5);
    expect(Array.from(post)).toEqual([0, 0, 0, 2, 5]);
  });

  it('uses PyTorch derivative values at the kinks', () => {
    const at = (kind: ActivationKind, x: number, alpha = 0): number => {
      const pre = Float32Array.of(x);
      const post = new Float32Array(1);
      const grad = new Float32Array(1);
      activate(kind, alpha, pre, post, 1);
      activateBackward(kind, alpha, pre, post, Float32Array.of(1), grad, 1);
      return grad[0];
    };
    expect(at('relu', 0)).toBe(0);
    expect(at('leaky-relu', 0, 0.01)).toBeCloseTo(0.01, 7);
    expect(at('prelu', 0, 0.25)).toBe(0.25);
    expect(at('elu', 0, 0.5)).toBe(0.5);
    expect(at('relu6', 0)).toBe(0);
    expect(at('relu6', 6)).toBe(0);
  });

  it('only writes the first n elements', () => {
    const pre = Float32Array.of(-1, 2, -3, 4);
    const post = Float32Array.of(9, 9, 9, 9);
    activate('relu', 0, pre, post, 2);
    expect(Array.from(post)).toEqual([0, 2, 9, 9]);
  });

  it('stays finite for extreme inputs', () => {
    const pre = Float32Array.of(-1e30, -100, 100, 1e30);
    for (const kind of ['sigmoid', 'tanh', 'gelu', 'silu', 'selu', 'softplus', 'mish', 'elu'] as const) {
      const post = new Float32Array(4);
      const grad = new Float32Array(4);
      activate(kind, 1, pre, post, 4);
      activateBackward(kind, 1, pre, post, Float32Array.of(1, 1, 1, 1), grad, 4);
      for (const v of [...post, ...grad]) expect(Number.isNaN(v), `${kind}`).toBe(false);
    }
  });

  it('resolves default alphas like PyTorch (leaky 0.01, prelu 0.25, elu 1) and keeps explicit ones', () => {
    expect(resolveActivation({ kind: 'leaky-relu' })).toEqual({ kind: 'leaky-relu', alpha: 0.01 });
    expect(resolveActivation({ kind: 'prelu' })).toEqual({ kind: 'prelu', alpha: 0.25 });
    expect(resolveActivation({ kind: 'elu' })).toEqual({ kind: 'elu', alpha: 1 });
    expect(resolveActivation({ kind: 'elu', alpha: 0.3 })).toEqual({ kind: 'elu', alpha: 0.3 });
    expect(resolveActivation({ kind: 'relu', alpha: 5 })).toEqual({ kind: 'relu', alpha: 0 });
  });
});

describe('erf', () => {
  // Reference values from Python's math.erf (correctly rounded libm).
  const cases: [number, number][] = [
    [0, 0],
    [1e-10, 1.1283791670955126e-10],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.5, 0.9661051464753108],
    [2.4999, 0.9995928300996666],
    [2.5, 0.999593047982555],
    [3, 0.9999779095030014],
    [4.2, 0.9999999971445058],
    [5.9, 0.9999999999999999],
    [7, 1],
  ];
  it.each(cases)('erf(%f) = %f to ~1e-15', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(expected)));
    expect(Math.abs(erf(-x) + expected)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(expected)));
  });

  it('is relative-accurate for tiny arguments', () => {
    expect(erf(1e-300) / 1e-300).toBeCloseTo(1.1283791670955126, 14);
  });
});
