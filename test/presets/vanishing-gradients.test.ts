import { describe, expect, it } from 'vitest';
import { applyValue } from '../../src/core/compare/plan';
import { dataFor, readPreset, train } from './presets';

describe('preset vanishing-gradients: 10 sigmoid layers against 10 relu layers', () => {
  it('gives the first sigmoid layer a gradient at least 100× smaller, shrinking layer after layer', async () => {
    const sigmoid = readPreset('vanishing-gradients');
    const hidden = sigmoid.network.layers.slice(0, -1);
    expect(hidden).toHaveLength(10);
    for (const l of hidden) expect(l.activation.kind).toBe('sigmoid');
    const relu = applyValue(sigmoid, { variable: 'activation', values: [{ kind: 'sigmoid' }, { kind: 'relu' }], seeds: 1 }, 1);
    const data = await dataFor(sigmoid);
    const steps = { ...sigmoid.training, steps: 1 };

    const s = (await train({ ...sigmoid, training: steps }, data)).records[0].layers.map((l) => l.gradNorm);
    const r = (await train({ ...relu, training: steps }, data)).records[0].layers.map((l) => l.gradNorm);
    expect(r[0] / s[0]).toBeGreaterThanOrEqual(100);
    for (let l = 0; l + 1 < s.length; l++) expect(s[l]).toBeLessThan(s[l + 1]);
    // The relu profile stays within one order of magnitude from the last layer to the first.
    expect(Math.max(...r) / Math.min(...r)).toBeLessThan(10);
  });

  it('leaves the sigmoid network near chance while the relu one learns', async () => {
    const sigmoid = readPreset('vanishing-gradients');
    const relu = applyValue(sigmoid, { variable: 'activation', values: [{ kind: 'sigmoid' }, { kind: 'relu' }], seeds: 1 }, 1);
    const data = await dataFor(sigmoid);
    const s = (await train(sigmoid, data)).summary.final;
    const r = (await train(relu, data)).summary.final;
    expect(s.testAccuracy).toBeLessThan(0.6);
    expect(r.testAccuracy).toBeGreaterThan(s.testAccuracy! + 0.2);
  });
});
