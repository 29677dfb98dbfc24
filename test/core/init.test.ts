import { describe, expect, it } from 'vitest';
import type { InitKind } from '../../src/core/experiment/types';
import { initializeLayer } from '../../src/core/nn/init';
import { Rng } from '../../src/core/random/rng';

const FAN_IN = 400;
const FAN_OUT = 300;

function initialized(kind: InitKind, seed = 1) {
  const weight = new Float32Array(FAN_IN * FAN_OUT);
  const bias = new Float32Array(FAN_OUT).fill(7);
  initializeLayer(kind, weight, bias, FAN_IN, FAN_OUT, new Rng(seed));
  return { weight, bias };
}

function moments(a: Float32Array) {
  let sum = 0, sumSq = 0, min = Infinity, max = -Infinity;
  for (const v of a) { sum += v; sumSq += v * v; min = Math.min(min, v); max = Math.max(max, v); }
  const mean = sum / a.length;
  return { mean, std: Math.sqrt(sumSq / a.length - mean * mean), min, max };
}

describe('initializeLayer', () => {
  // 120 000 draws: the sample std is within ~0.4 % of the true one (2σ), so 1 % is safe.
  it.each([
    ['he-normal', Math.sqrt(2 / FAN_IN)],
    ['xavier-normal', Math.sqrt(2 / (FAN_IN + FAN_OUT))],
    ['lecun-normal', Math.sqrt(1 / FAN_IN)],
  ] as const)('%s draws N(0, std²) with std %f and zero bias', (kind, std) => {
    const { weight, bias } = initialized(kind);
    const m = moments(weight);
    expect(Math.abs(m.mean)).toBeLessThan(0.01 * std);
    expect(Math.abs(m.std / std - 1)).toBeLessThan(0.01);
    expect(bias.every((b) => b === 0)).toBe(true);
  });

  it.each([
    ['he-uniform', Math.sqrt(6 / FAN_IN)],
    ['xavier-uniform', Math.sqrt(6 / (FAN_IN + FAN_OUT))],
  ] as const)('%s draws U(−b, b) with b %f and zero bias', (kind, bound) => {
    const { weight, bias } = initialized(kind);
    const m = moments(weight);
    expect(m.min).toBeGreaterThanOrEqual(-bound);
    expect(m.max).toBeLessThan(bound);
    expect(m.max).toBeGreaterThan(0.99 * bound);
    expect(Math.abs(m.std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.01);
    expect(bias.every((b) => b === 0)).toBe(true);
  });

  it('torch-default draws weights and bias from U(−1/√fan_in, 1/√fan_in) like nn.Linear', () => {
    const bound = 1 / Math.sqrt(FAN_IN);
    const { weight, bias } = initialized('torch-default');
    for (const a of [weight, bias]) {
      const m = moments(a);
      expect(m.min).toBeGreaterThanOrEqual(-bound);
      expect(m.max).toBeLessThan(bound);
      expect(m.max - m.min).toBeGreaterThan(1.9 * bound);
    }
  });

  it('zeros zeroes everything', () => {
    const { weight, bias } = initialized('zeros');
    expect(weight.every((w) => w === 0) && bias.every((b) => b === 0)).toBe(true);
  });

  it('is reproducible from the seed', () => {
    expect(initialized('he-normal', 3).weight).toEqual(initialized('he-normal', 3).weight);
    expect(initialized('he-normal', 3).weight).not.toEqual(initialized('he-normal', 4).weight);
  });
});
