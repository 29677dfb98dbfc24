import { describe, expect, it } from 'vitest';
import { applyValue } from '../../src/core/compare/plan';
import { dataFor, deadShare, readPreset, train } from './presets';

describe('preset dying-lr: learning rate too high', () => {
  it('loses over 30 % of its units at the preset rate and under 10 % at a sane rate, same seed', async () => {
    const high = readPreset('dying-lr');
    const low = applyValue(high, { variable: 'lr', values: [high.training.optimizer.lr, 0.001], seeds: 1 }, 1);
    expect(low.seed).toBe(high.seed);
    const data = await dataFor(high);

    const fast = await train(high, data);
    const sane = await train(low, data);
    expect(deadShare(fast.records[0], high)).toBeLessThan(0.1);
    expect(deadShare(fast.records.at(-1)!, high)).toBeGreaterThan(0.3);
    // Within a few hundred steps.
    expect(deadShare(fast.records.find((r) => r.step === 300)!, high)).toBeGreaterThan(0.3);
    for (const r of sane.records) expect(deadShare(r, low)).toBeLessThan(0.1);
  });
});
