import { describe, expect, it } from 'vitest';
import { readPreset, train } from './presets';

describe('preset sparsity-at-init', () => {
  const e = readPreset('sparsity-at-init');
  const atInit = async (seed: number) => (await train({ ...e, seed, training: { ...e.training, steps: 1 } })).records[0];

  it('has every He-initialised, zero-bias relu layer 47–56 % inactive at step 0 with its seed', async () => {
    const hidden = e.network.layers.slice(0, -1);
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    for (const layer of hidden) expect(layer).toMatchObject({ activation: { kind: 'relu' }, init: 'he-normal', bias: 0 });
    const first = await atInit(e.seed);
    expect(first.step).toBe(0);
    for (const layer of first.layers) {
      expect(layer.inactiveFraction).toBeGreaterThanOrEqual(0.465);
      expect(layer.inactiveFraction).toBeLessThan(0.565);
      // For relu, inactive and zero are the same thing: the sparsity.
      expect(layer.zeroFraction).toBe(layer.inactiveFraction);
    }
  });

  it('starts between 40 and 60 % inactive in every layer with other seeds too', async () => {
    for (let seed = e.seed + 1; seed <= e.seed + 6; seed++) {
      for (const layer of (await atInit(seed)).layers) {
        expect(layer.inactiveFraction).toBeGreaterThan(0.38);
        expect(layer.inactiveFraction).toBeLessThan(0.62);
      }
    }
  });
});
