import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment/types';
import { BornDeadEstimator } from '../../src/core/train/born-dead';
import { dataFor, readPreset, train } from './presets';

function withHidden(e: Experiment, change: { units?: number; bias?: number }): Experiment {
  const layers = e.network.layers.map((l, i) => (i < e.network.layers.length - 1 ? { ...l, ...change } : l));
  return { ...e, network: { ...e.network, layers } };
}

async function bornDeadOdds(e: Experiment, trials = 1000): Promise<number> {
  const estimator = new BornDeadEstimator(e, await dataFor(e));
  estimator.run(trials);
  return estimator.result().probability;
}

describe('preset born-dead: deep and narrow', () => {
  const e = readPreset('born-dead');

  it('is 10 relu layers of width 3, born dead more often than not; narrower is worse, wider is better', async () => {
    expect(e.network.layers.slice(0, -1).map((l) => l.units)).toEqual(Array(10).fill(3));
    const width3 = await bornDeadOdds(e);
    expect(width3).toBeGreaterThan(0.3);
    expect(await bornDeadOdds(withHidden(e, { units: 2 }))).toBeGreaterThan(width3);
    const width8 = await bornDeadOdds(withHidden(e, { units: 8 }));
    expect(width8).toBeLessThan(width3 / 5);
  });

  it('is helped by a small positive bias, an asymmetry that keeps units on', async () => {
    expect(await bornDeadOdds(withHidden(e, { bias: 0.1 }))).toBeLessThan((await bornDeadOdds(e)) / 2);
  });

  it('starts born dead with its seed, so training cannot beat the class prior', async () => {
    const { records } = await train(e);
    const first = records[0].layers;
    expect(first.some((l, i) => l.deadCount === e.network.layers[i].units)).toBe(true);
    expect(records.at(-1)!.accuracy).toBeLessThan(0.6);
  });
});
