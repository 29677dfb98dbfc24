import { describe, expect, it } from 'vitest';
import { planComparison, applyValue } from '../../src/core/compare/plan';
import { trainAll } from '../../src/core/compare/runner';
import type { CompareSpec } from '../../src/core/compare/spec';
import { dataFor, deadShare, readPreset } from './presets';

describe('preset rescue-variants: leaky relu, prelu and elu at the dying-lr rate', () => {
  const dyingLr = readPreset('dying-lr');
  const spec: CompareSpec = {
    variable: 'activation',
    values: [{ kind: 'relu' }, { kind: 'leaky-relu', alpha: 0.01 }, { kind: 'prelu', alpha: 0.25 }, { kind: 'elu', alpha: 1 }],
    seeds: 1,
  };

  it('is the dying-lr experiment with prelu hidden layers', () => {
    const rescue = readPreset('rescue-variants');
    const expected = applyValue(dyingLr, spec, 2);
    expect(rescue.network).toEqual(expected.network);
    expect(rescue.training).toEqual(expected.training);
    expect(rescue.seed).toBe(expected.seed);
  });

  it('keeps fewer units dormant than relu keeps dead, lets dormant units recover, and learns PReLU alpha', async () => {
    const results = trainAll(planComparison(dyingLr, spec), await dataFor(dyingLr), () => performance.now());
    const shares = results.map((r) => r.records.map((rec) => deadShare(rec, dyingLr)));
    const final = shares.map((s) => s.at(-1)!);
    const peak = shares.map((s) => Math.max(...s));
    const [relu, leaky, prelu, elu] = final;
    expect(relu).toBeGreaterThan(0.3);
    for (const variant of [leaky, prelu, elu]) expect(variant).toBeLessThan(relu);
    expect(elu).toBeLessThan(relu / 2);
    for (const v of [1, 2, 3]) {
      expect(results[v].summary.diverged).toBeNull();
      // Dormant units still get gradient: some that went quiet came back.
      expect(final[v]).toBeLessThan(peak[v]);
    }
    for (const alpha of results[2].finalAlpha) {
      expect(alpha).not.toBeNull();
      expect(Math.abs(alpha! - 0.25)).toBeGreaterThan(0.01);
    }
  });
});
