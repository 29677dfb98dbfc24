import { describe, expect, it } from 'vitest';
import { dataFor, readPreset, train } from './presets';

describe('preset dying-bias: a relu layer with bias −100', () => {
  it('is dead at every record, gets no gradient and never changes, whatever the seed', async () => {
    const preset = readPreset('dying-bias');
    const dead = preset.network.layers.findIndex((l) => l.bias === -100);
    expect(dead).toBeGreaterThanOrEqual(0);
    const units = preset.network.layers[dead].units;

    for (let seed = preset.seed; seed < preset.seed + 4; seed++) {
      const e = { ...preset, seed };
      const { records } = await train(e, await dataFor(e));
      expect(records.length).toBeGreaterThan(10);
      const initialNorm = records[0].layers[dead].weightNorm;
      for (const r of records) {
        const layer = r.layers[dead];
        expect(layer.deadCount).toBe(units);
        expect(layer.inactiveFraction).toBe(1);
        expect(layer.gradNorm).toBe(0);
        expect(layer.weightNorm).toBe(initialNorm);
        // No gradient flows back through a dead layer: the layers below stop learning too.
        for (let below = 0; below < dead; below++) expect(r.layers[below].gradNorm).toBe(0);
      }
      // Nothing flows through it, so the network cannot beat the class prior ("about 33 %").
      expect(records.at(-1)!.accuracy).toBeGreaterThan(0.3);
      expect(records.at(-1)!.accuracy).toBeLessThan(0.37);
    }
  });
});
