import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment } from '../../src/core/experiment/parse';
import type { UnitsLine } from '../../src/core/rundir/format';
import { runInfo } from '../../src/core/rundir/write';
import { runExperiment } from '../../src/core/train/run';
import { Trainer, type MetricsRecord } from '../../src/core/train/trainer';

const experiment = parseExperiment({
  format: 'relu-lab/experiment@1',
  name: 'units lines',
  seed: 3,
  data: { kind: 'moons', samples: 90, noise: 0.1, testFraction: 0 },
  network: {
    inputs: 2,
    layers: [
      { units: 6, activation: 'relu', init: 'he-normal' },
      { units: 5, activation: 'linear' },
      { units: 4, activation: { kind: 'prelu', alpha: 0.2 } },
      { units: 2, activation: 'linear' },
    ],
    loss: 'softmax-cross-entropy',
  },
  training: { optimizer: { kind: 'sgd', lr: 0.3 }, batchSize: 10, epochs: 1, steps: 7, shuffle: true },
  monitor: { every: 3, probe: 'train', bins: 9 },
});

async function run(e = experiment) {
  const dataset = await loadDataset(e.data, e.network, e.seed);
  const events: (['units', UnitsLine] | ['record', MetricsRecord])[] = [];
  const { summary } = runExperiment(e, dataset, {
    units: (line) => events.push(['units', line]),
    record: (r) => events.push(['record', r]),
  }, () => 0);
  return { dataset, events, summary };
}

describe('the run folder lines `relu-lab run` writes', () => {
  it('come as a units line, then the metrics record of the same step; the last record is final', async () => {
    const { events } = await run();
    expect(events.map(([kind, line]) => `${kind} ${line.step}`)).toEqual([
      'units 0', 'record 0', 'units 3', 'record 3', 'units 6', 'record 6', 'units 7', 'record 7',
    ]);
    const records = events.filter((e) => e[0] === 'record').map((e) => e[1] as MetricsRecord);
    expect(records.map((r) => r.final)).toEqual([undefined, undefined, undefined, true]);
  });

  it('hold the statistics of the metrics record: rates, histograms of every probe value, dLoss/dPre, α', async () => {
    const { events } = await run();
    for (let i = 0; i < events.length; i += 2) {
      const units = events[i][1] as UnitsLine;
      const record = events[i + 1][1] as MetricsRecord;
      units.layers.forEach((layer, l) => {
        const stats = record.layers[l];
        const n = 90;
        expect(layer.activationRate).toHaveLength([6, 5, 4][l]);
        const positives = layer.activationRate.reduce((a, r) => a + r * n, 0);
        expect(Math.round(positives)).toBe(Math.round((1 - stats.inactiveFraction) * n * layer.activationRate.length));
        expect(layer.activationRate.filter((r) => r === 0)).toHaveLength(stats.deadCount);
        for (const h of [layer.preHist, layer.postHist]) {
          expect(h.counts).toHaveLength(9);
          expect(h.counts.reduce((a, c) => a + c, 0)).toBe(n * layer.activationRate.length);
        }
        // A record's batch: 10 samples; the final record's, the whole training set.
        const batch = record.final ? 90 : 10;
        expect(layer.gradHist!.counts.reduce((a, c) => a + c, 0)).toBe(batch * layer.activationRate.length);
        expect(layer.alpha).toEqual(l === 2 ? expect.any(Number) : undefined);
      });
    }
    const alphas = events.filter((e) => e[0] === 'units').map((e) => (e[1] as UnitsLine).layers[2].alpha);
    expect(alphas[0]).toBe(Math.fround(0.2)); // before the first update
    expect(alphas[3]).not.toBe(alphas[0]);
  });

  it('are the same for the same experiment, bit for bit', async () => {
    expect(JSON.stringify((await run()).events)).toBe(JSON.stringify((await run()).events));
  });

  it('end without a final record when the run diverges', async () => {
    const wild = parseExperiment({ ...JSON.parse(JSON.stringify(experiment)), training: { optimizer: { kind: 'sgd', lr: 1e30 }, batchSize: 10, epochs: 1, steps: 7, shuffle: true } });
    const { events, summary } = await run(wild);
    expect(summary.diverged).not.toBeNull();
    expect(events.some(([, line]) => 'final' in line)).toBe(false);
    expect(events.length % 2).toBe(0);
  });

  it('run.json: the module paths of the PyTorch export, units as features, the probe actually used', async () => {
    const dataset = await loadDataset(experiment.data, experiment.network, experiment.seed);
    const trainer = new Trainer(experiment, dataset);
    const info = runInfo(experiment, trainer.probe.n, { version: '9.9.9', writer: 'test' }, new Date(Date.UTC(2026, 0, 2)));
    expect(info).toMatchObject({
      format: 'relu-lab/rundir@1',
      name: 'units lines',
      created: '2026-01-02T00:00:00.000Z',
      source: { kind: 'relu-lab', version: '9.9.9', writer: 'test' },
      monitor: { every: 3, probe: 90, bins: 9 },
    });
    expect(info.layers).toEqual([
      { index: 0, name: '1', activation: 'relu', units: 6, unit: 'feature', zeroGradientWhenInactive: true },
      { index: 1, name: '2', activation: 'linear', units: 5, unit: 'feature', zeroGradientWhenInactive: false },
      { index: 2, name: '4', activation: 'prelu', units: 4, unit: 'feature', zeroGradientWhenInactive: false },
    ]);
    expect(parseExperiment(info.experiment)).toEqual(experiment);
  });
});
