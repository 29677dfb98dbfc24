import { describe, expect, it } from 'vitest';
import { Rng, STREAM } from '../../src/core/random/rng';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('gives the same stream for the same seed', () => {
    expect(draw(new Rng(42), 100)).toEqual(draw(new Rng(42), 100));
    expect(draw(Rng.derive(42, STREAM.init), 100)).toEqual(draw(Rng.derive(42, STREAM.init), 100));
  });

  it('gives different streams for different seeds and for different derived streams', () => {
    expect(draw(new Rng(42), 20)).not.toEqual(draw(new Rng(43), 20));
    const streams = Object.values(STREAM).map((s) => draw(Rng.derive(42, s), 20).join(','));
    expect(new Set(streams).size).toBe(streams.length);
    expect(draw(Rng.derive(1, STREAM.data), 20)).not.toEqual(draw(Rng.derive(2, STREAM.data), 20));
  });

  it('draws uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const rng = new Rng(5);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sumSq += u * u;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });

  it('draws standard normals: mean 0, std 1, ~68 % within one std', () => {
    const rng = new Rng(9);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let within = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) < 1) within++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(Math.sqrt(sumSq / n - mean * mean) - 1)).toBeLessThan(0.01);
    expect(within / n).toBeCloseTo(0.6827, 2);
  });

  it('shuffles into a permutation', () => {
    const a = Int32Array.from({ length: 50 }, (_, i) => i);
    new Rng(1).shuffle(a);
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
