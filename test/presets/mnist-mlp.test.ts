import { describe, expect, it } from 'vitest';
import { dataFor, readPreset, train } from './presets';

describe('preset mnist-mlp: 784-256-128-10 on real digits', () => {
  it('is the tutorial network and reaches 91–92 % test accuracy within its steps, over seeds', async () => {
    const preset = readPreset('mnist-mlp');
    expect(preset.network.inputs).toBe(784);
    expect(preset.network.layers.map((l) => [l.units, l.activation.kind])).toEqual([[256, 'relu'], [128, 'relu'], [10, 'linear']]);
    const data = await dataFor(preset);

    for (let seed = preset.seed; seed < preset.seed + 3; seed++) {
      const { records, summary } = await train({ ...preset, seed }, data);
      expect(summary.diverged).toBeNull();
      expect(summary.final.testAccuracy).toBeGreaterThanOrEqual(0.9);
      expect(summary.final.testAccuracy).toBeLessThan(0.93);
      // "a quarter of each relu layer's outputs (21–30 %) exactly 0", at the end
      for (const l of summary.final.layers) {
        expect(l.zeroFraction).toBeGreaterThan(0.2);
        expect(l.zeroFraction).toBeLessThan(0.31);
      }
      // Per-layer sparsity is measured at every record.
      for (const r of records) for (const l of r.layers) {
        expect(l.zeroFraction).toBeGreaterThan(0);
        expect(l.zeroFraction).toBeLessThan(1);
      }
    }
  }, 60_000);
});
