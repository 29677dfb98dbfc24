/**
 * A divergence says what was seen (the step, the first non-finite quantity)
 * and the likely causes in order: Adam's eps 0, huge inputs, the learning
 * rate; and a diverged run still leaves finite weights behind.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment } from '../../src/core/experiment/parse';
import { runExperiment } from '../../src/core/train/run';
import { DivergedError, Trainer } from '../../src/core/train/trainer';

const base = {
  format: 'relu-lab/experiment@1',
  seed: 4,
  data: { kind: 'spiral', samples: 240, noise: 0.1, testFraction: 0 },
  network: { inputs: 2, layers: [{ units: 12, activation: 'relu' }, { units: 3, activation: 'linear' }], loss: 'softmax-cross-entropy' },
  training: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 40, epochs: 50 },
  monitor: { every: 5, probe: 'train', bins: 10 },
};

async function divergence(raw: object): Promise<DivergedError> {
  const experiment = parseExperiment(raw);
  const trainer = new Trainer(experiment, await loadDataset(experiment.data, experiment.network, experiment.seed));
  try {
    while (!trainer.done) trainer.trainStep();
  } catch (e) {
    if (e instanceof DivergedError) return e;
    throw e;
  }
  throw new Error('the run did not diverge');
}

describe('the divergence message', () => {
  it('names the step and the first non-finite quantity, and the learning rate as the cause', async () => {
    const e = await divergence({
      ...base,
      network: { ...base.network, layers: [{ units: 12, activation: 'linear' }, { units: 3, activation: 'linear' }] },
      training: { ...base.training, optimizer: { kind: 'sgd', lr: 1e30 } },
    });
    expect(e.step).toBeGreaterThan(0);
    expect(e.message).toMatch(new RegExp(`^The loss became NaN or infinite at step ${e.step}: (layer 1|the output layer) \\(linear\\)'s \\S+`));
    expect(e.report.causes).toEqual(['the learning rate (now 1e+30) is too high for this network: try 1e+29 or lower']);
    expect(e.message).toMatch(/Likely cause: the learning rate/);
  });

  it("puts Adam's eps 0 first, then the learning rate", async () => {
    // bias -3 leaves some units dead: their weights get a zero gradient, and 0/0 from eps 0.
    const e = await divergence({
      ...base,
      network: { ...base.network, layers: [{ units: 12, activation: 'relu', bias: -3 }, { units: 3, activation: 'linear' }] },
      training: { ...base.training, optimizer: { kind: 'adam', lr: 0.01, eps: 0 } },
    });
    expect(e.report.seen).toMatch(/^layer 1 \(relu\)'s weights became NaN in the update of step \d+$/);
    expect(e.report.causes).toHaveLength(2);
    expect(e.report.causes[0]).toMatch(/^Adam's eps is 0/);
    expect(e.report.causes[1]).toMatch(/^the learning rate \(now 0\.01\)/);
    expect(e.message).toMatch(/Likely causes, most likely first: \(1\) Adam's eps is 0.*; \(2\) the learning rate/);
  });

  it('names huge inputs before the learning rate', async () => {
    const x = Array.from({ length: 40 }, (_, i) => [i * 1e18, (i % 3) * 1e18]);
    const e = await divergence({
      ...base,
      data: { kind: 'inline', x, y: x.map((_, i) => i % 3) },
      network: { ...base.network, layers: [{ units: 12, activation: 'linear' }, { units: 3, activation: 'linear' }] },
      training: { ...base.training, batchSize: 40 },
    });
    expect(e.report.causes[0]).toMatch(/^the inputs reach 3\.90e\+19: standardize the data/);
    expect(e.report.causes.at(-1)).toMatch(/^the learning rate/);
  });
});

describe('a diverged run', () => {
  it('keeps finite weights and says from which step', async () => {
    const experiment = parseExperiment({ ...base, training: { ...base.training, optimizer: { kind: 'adam', lr: 0.01, eps: 0 } }, network: { ...base.network, layers: [{ units: 12, activation: 'relu', bias: -3 }, { units: 3, activation: 'linear' }] } });
    const dataset = await loadDataset(experiment.data, experiment.network, experiment.seed);
    const { summary, weights } = runExperiment(experiment, dataset, { record: () => {} }, () => 0);
    expect(summary.diverged).not.toBeNull();
    expect(summary.weightsStep).not.toBeNull();
    expect(summary.weightsStep!).toBeLessThanOrEqual(summary.diverged!.step);
    expect(summary.weightsStep! % experiment.monitor.every === 0 || summary.weightsStep === summary.diverged!.step).toBe(true);
    const values = weights!.layers.flatMap((l) => [...l.weight.flat(), ...l.bias]);
    expect(values.every(Number.isFinite)).toBe(true);
  });
});
