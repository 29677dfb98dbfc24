import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { ValidationError } from '../../src/core/experiment/errors';
import { equalValues, shareUnchanged } from '../../src/core/experiment/equal';
import { LIVE_PATHS, liveChanges, setLiveValue } from '../../src/core/experiment/liveParams';
import { defaultExperiment, parseExperiment, serializeExperiment } from '../../src/core/experiment/parse';
import type { Experiment } from '../../src/core/experiment/types';
import { SETTABLE_PATHS } from '../../src/core/protocol/messages';
import { Trainer } from '../../src/core/train/trainer';

const base = defaultExperiment();
const withLr = (e: Experiment, lr: number): Experiment => ({ ...e, training: { ...e.training, optimizer: { ...e.training.optimizer, lr } } });

describe('live values: what changed', () => {
  it('finds a learning-rate tick and a batch size, in the table’s order', () => {
    const next = { ...withLr(base, 0.03), training: { ...withLr(base, 0.03).training, batchSize: 64 } };
    expect(liveChanges(base, next)).toEqual([
      { path: 'training.optimizer.lr', value: 0.03 },
      { path: 'training.batchSize', value: 64 },
    ]);
  });

  it('sends a new optimizer whole, not its rate besides', () => {
    const adam = { kind: 'adam' as const, lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
    const next = { ...base, training: { ...base.training, optimizer: adam } };
    expect(liveChanges(base, next)).toEqual([{ path: 'training.optimizer', value: adam }]);
  });

  it('says null when anything else changed too, and nothing for the same design', () => {
    expect(liveChanges(base, { ...withLr(base, 0.5), seed: 9 })).toBeNull();
    expect(liveChanges(base, { ...base, name: 'renamed' })).toBeNull();
    expect(liveChanges(base, parseExperiment(JSON.parse(serializeExperiment(base))))).toEqual([]);
  });

  it('every live path is one the protocol’s set accepts', () => {
    for (const path of LIVE_PATHS) expect(SETTABLE_PATHS).toContain(path);
  });
});

describe('live values: setting one', () => {
  it('checks the value by the rule files follow, naming the field', () => {
    const error = (() => {
      try {
        setLiveValue(base, 'training.optimizer.lr', -1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('training.optimizer.lr: expected a number ≥ 0, got -1');
    expect(() => setLiveValue(base, 'training.batchSize', 0)).toThrow(/^training\.batchSize: expected an integer ≥ 1 or "full", got 0$/);
    expect(() => setLiveValue(base, 'training.optimizer', { kind: 'sgd', lr: 0.1, nesterov: true })).toThrow(/nesterov needs momentum/);
  });

  it('gives the design a file would give, sharing every other part', () => {
    const next = setLiveValue(base, 'training.optimizer', { kind: 'adamw', lr: 0.002 });
    const raw = JSON.parse(serializeExperiment(base));
    raw.training.optimizer = { kind: 'adamw', lr: 0.002 };
    expect(next).toEqual(parseExperiment(raw));
    expect(next.network).toBe(base.network);
    expect(next.data).toBe(base.data);
  });

  it('hands the value to a running trainer: rate, decay, a capped batch size, a fresh optimizer', async () => {
    const e = parseExperiment({ ...JSON.parse(serializeExperiment(base)), training: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 16 } });
    const trainer = new Trainer(e, await loadDataset(e.data, e.network, e.seed));
    setLiveValue(e, 'training.optimizer.lr', 0.02, trainer);
    setLiveValue(e, 'training.optimizer.weightDecay', 0.001, trainer);
    expect([trainer.optimizer.lr, trainer.optimizer.weightDecay]).toEqual([0.02, 0.001]);
    setLiveValue(e, 'training.batchSize', 100_000, trainer);
    expect(trainer.batchSize).toBe(trainer.capacity);
    setLiveValue(e, 'training.optimizer', { kind: 'rmsprop', lr: 0.003 }, trainer);
    expect([trainer.optimizer.kind, trainer.optimizer.lr]).toEqual(['rmsprop', 0.003]);
  });
});

describe('comparing designs without serializing them', () => {
  it('equal content is equal, whatever shares what', () => {
    const copy = parseExperiment(JSON.parse(serializeExperiment(base)));
    expect(equalValues(base, copy)).toBe(true);
    expect(equalValues(base, withLr(copy, 0.2))).toBe(false);
    expect(equalValues({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(equalValues([1, 2], [1, 2, 3])).toBe(false);
  });

  it('a parsed design takes back the parts of the one before that did not change', () => {
    const copy = parseExperiment(JSON.parse(serializeExperiment(withLr(base, 0.2))));
    const shared = shareUnchanged(base, copy);
    expect(shared).toEqual(copy);
    expect(shared.network).toBe(base.network);
    expect(shared.training).not.toBe(base.training);
    expect(shared.training.optimizer.lr).toBe(0.2);
    expect(shareUnchanged(base, parseExperiment(JSON.parse(serializeExperiment(base))))).toBe(base);
  });
});
