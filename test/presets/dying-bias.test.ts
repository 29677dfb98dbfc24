import { describe, expect, it } from 'vitest';
import { readPreset, train } from './presets';

describe('preset dying-bias: a relu layer with bias −100', () => {
  it('is dead at every record, gets no gradient and never changes', async () => {
    const e = readPreset('dying-bias');
    const dead = e.network.layers.findIndex((l) => l.bias === -100);
    expect(dead).toBeGreaterThanOrEqual(0);
    const units = e.network.layers[dead].units;

    const { records } = await train(e);
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
    // Nothing flows through it, so the network cannot beat the class prior.
    expect(records.at(-1)!.accuracy).toBeLessThan(0.4);
  });
});
