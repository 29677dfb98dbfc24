import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment } from '../../src/core/experiment/parse';
import { l2norm } from '../../src/core/train/layer-stats';
import { runExperiment } from '../../src/core/train/run';
import { Trainer, type MetricsRecord } from '../../src/core/train/trainer';

const experiment = parseExperiment({
  format: 'relu-lab/experiment@1',
  seed: 11,
  data: { kind: 'moons', samples: 120, noise: 0.1, testFraction: 0 },
  network: { inputs: 2, layers: [{ units: 6, activation: 'relu', init: 'he-normal' }, { units: 2, activation: 'linear' }], loss: 'softmax-cross-entropy' },
  training: { optimizer: { kind: 'sgd', lr: 0.5 }, batchSize: 'full', epochs: 1, steps: 4, shuffle: false },
  monitor: { every: 1, probe: 'train', bins: 10 },
});

describe('metrics records (DESIGN §3 timing)', () => {
  it('describe the parameters an update starts from; the last one the trained network', async () => {
    const dataset = await loadDataset(experiment.data, experiment.network, experiment.seed);
    const records: MetricsRecord[] = [];
    const { weights } = runExperiment(experiment, dataset, { record: (r) => records.push(r) }, () => 0);
    expect(records.map((r) => r.step)).toEqual([0, 1, 2, 3, 4]);

    const initial = new Trainer(experiment, dataset);
    expect(records[0].layers[0].weightNorm).toBeCloseTo(l2norm(initial.network.layers[0].weight), 6);
    // Full batch: the loss of record k is the loss before update k, and the final record's loss is over the same set.
    const before = initial.evaluate(dataset.train).loss;
    expect(records[0].loss).toBeCloseTo(before, 6);

    const trained = Float32Array.from(weights!.layers[0].weight.flat());
    expect(records[4].layers[0].weightNorm).toBeCloseTo(l2norm(trained), 6);
    expect(records[3].layers[0].weightNorm).not.toBeCloseTo(records[4].layers[0].weightNorm, 6);
  });
});
