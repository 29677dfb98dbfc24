import { describe, expect, it } from 'vitest';
import { readPreset, train } from './presets';

describe('preset sparsity-at-init', () => {
  it('has every He-initialised, zero-bias relu layer about half inactive at step 0', async () => {
    const e = readPreset('sparsity-at-init');
    const hidden = e.network.layers.slice(0, -1);
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    for (const layer of hidden) expect(layer).toMatchObject({ activation: { kind: 'relu' }, init: 'he-normal', bias: 0 });

    const { records } = await train({ ...e, training: { ...e.training, steps: 1 } });
    expect(records[0].step).toBe(0);
    for (const layer of records[0].layers) {
      expect(layer.inactiveFraction).toBeGreaterThan(0.4);
      expect(layer.inactiveFraction).toBeLessThan(0.6);
      // For relu, inactive and zero are the same thing: the sparsity.
      expect(layer.zeroFraction).toBe(layer.inactiveFraction);
    }
  });
});
