import { describe, expect, it } from 'vitest';
import { readPreset, train } from './presets';

describe('preset mnist-mlp: 784-256-128-10 on real digits', () => {
  it('is the tutorial network and learns far above chance within its steps', async () => {
    const e = readPreset('mnist-mlp');
    expect(e.network.inputs).toBe(784);
    expect(e.network.layers.map((l) => [l.units, l.activation.kind])).toEqual([[256, 'relu'], [128, 'relu'], [10, 'linear']]);

    const { records, summary } = await train(e);
    expect(summary.diverged).toBeNull();
    expect(summary.final.testAccuracy).toBeGreaterThan(0.8);
    // Per-layer sparsity is measured at every record.
    for (const r of records) for (const l of r.layers) {
      expect(l.zeroFraction).toBeGreaterThan(0);
      expect(l.zeroFraction).toBeLessThan(1);
    }
  }, 60_000);
});
