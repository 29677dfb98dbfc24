import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { previewDataset } from '../../src/core/data/preview';
import type { Dataset } from '../../src/core/data/types';
import { ValidationError } from '../../src/core/experiment/errors';
import type { LossKind, NetworkSpec, SyntheticDataSpec, SyntheticKind } from '../../src/core/experiment/types';

function net(inputs: number, outputs: number, loss: LossKind = 'softmax-cross-entropy'): NetworkSpec {
  return {
    inputs,
    layers: [
      { units: 8, activation: { kind: 'relu' }, init: 'he-normal', bias: null },
      { units: outputs, activation: { kind: 'linear' }, init: 'he-normal', bias: null },
    ],
    loss,
  };
}

function spec(kind: SyntheticKind, samples = 200, classes = kind === 'spiral' || kind === 'gaussians' ? 3 : kind === 'sine' ? 0 : 2): SyntheticDataSpec {
  return { kind, samples, noise: 0.1, classes, testFraction: 0.2 };
}

const CLASSIFIERS: SyntheticKind[] = ['spiral', 'circles', 'xor', 'gaussians', 'moons'];

async function load(kind: SyntheticKind, seed = 7, samples = 200): Promise<Dataset> {
  const s = spec(kind, samples);
  return kind === 'sine' ? loadDataset(s, net(1, 1, 'mse'), seed) : loadDataset(s, net(2, s.classes), seed);
}

async function errorOf(promise: Promise<unknown>): Promise<ValidationError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('synthetic data sets', () => {
  it.each(CLASSIFIERS)('%s: 2 inputs, one-hot targets, labels, 80/20 split', async (kind) => {
    const d = await load(kind);
    const classes = kind === 'spiral' || kind === 'gaussians' ? 3 : 2;
    expect(d).toMatchObject({ inputs: 2, classes, targetWidth: classes, featureNames: ['x1', 'x2'] });
    expect([d.train.n, d.test.n]).toEqual([160, 40]);
    expect(d.train.x.length).toBe(160 * 2);
    expect(d.train.y.length).toBe(160 * classes);
    for (let r = 0; r < d.train.n; r++) {
      const row = Array.from(d.train.y.subarray(r * classes, (r + 1) * classes));
      expect(row.indexOf(1)).toBe(d.train.labels![r]);
      expect(row.reduce((a, b) => a + b)).toBe(1);
    }
    expect(d.train.x.every(Number.isFinite)).toBe(true);
  });

  it.each(CLASSIFIERS)('%s: balanced classes over the whole set', async (kind) => {
    const d = await load(kind, 3, 300);
    const counts = new Array(d.classes).fill(0);
    for (const split of [d.train, d.test]) for (const l of split.labels!) counts[l]++;
    expect(counts).toEqual(new Array(d.classes).fill(300 / d.classes));
  });

  it.each([...CLASSIFIERS, 'sine' as const])('%s: the same seed gives the same bits, another seed other data', async (kind) => {
    const a = await load(kind, 11);
    const b = await load(kind, 11);
    const c = await load(kind, 12);
    expect(a.train.x).toEqual(b.train.x);
    expect(a.test.y).toEqual(b.test.y);
    expect(new Uint8Array(a.train.x.buffer)).toEqual(new Uint8Array(b.train.x.buffer));
    expect(a.train.x).not.toEqual(c.train.x);
  });

  it('sine: 1 input in [-π, π], y ≈ sin x, regression', async () => {
    const d = await loadDataset({ kind: 'sine', samples: 400, noise: 0, classes: 0, testFraction: 0.25 }, net(1, 1, 'mse'), 1);
    expect(d).toMatchObject({ inputs: 1, targetWidth: 1, classes: 0 });
    expect([d.train.n, d.test.n]).toEqual([300, 100]);
    expect(d.train.labels).toBeNull();
    for (let i = 0; i < d.train.n; i++) {
      expect(Math.abs(d.train.x[i])).toBeLessThanOrEqual(Math.fround(Math.PI));
      expect(d.train.y[i]).toBeCloseTo(Math.sin(d.train.x[i]), 5);
    }
  });

  it('xor: the class is whether x and y share a sign (noise 0)', async () => {
    const d = await loadDataset({ ...spec('xor'), noise: 0 }, net(2, 2), 5);
    for (let i = 0; i < d.train.n; i++) {
      expect(d.train.labels![i]).toBe(d.train.x[2 * i] * d.train.x[2 * i + 1] > 0 ? 1 : 0);
    }
  });

  it('circles: inner disk radius ≤ 0.5, outer ring in [0.7, 1] (noise 0)', async () => {
    const d = await loadDataset({ ...spec('circles'), noise: 0 }, net(2, 2), 5);
    for (let i = 0; i < d.train.n; i++) {
      const r = Math.hypot(d.train.x[2 * i], d.train.x[2 * i + 1]);
      if (d.train.labels![i] === 0) expect(r).toBeLessThanOrEqual(0.5 + 1e-6);
      else expect(r).toBeGreaterThanOrEqual(0.7 - 1e-6);
    }
  });

  it('moons: sklearn coordinates (noise 0)', async () => {
    const d = await loadDataset({ ...spec('moons'), noise: 0, testFraction: 0 }, net(2, 2), 5);
    for (let i = 0; i < d.train.n; i++) {
      const [px, py] = [d.train.x[2 * i], d.train.x[2 * i + 1]];
      // Outer moon on the unit circle, inner moon on the circle around (1, 0.5).
      const r = d.train.labels![i] === 0 ? Math.hypot(px, py) : Math.hypot(px - 1, py - 0.5);
      expect(r).toBeCloseTo(1, 5);
    }
  });

  it('splits by round(n · testFraction), and testFraction 0 keeps everything for training', async () => {
    const n = async (samples: number, testFraction: number) => {
      const d = await loadDataset({ ...spec('spiral'), samples, testFraction }, net(2, 3), 1);
      return [d.train.n, d.test.n];
    };
    expect(await n(600, 0.2)).toEqual([480, 120]);
    expect(await n(101, 0.25)).toEqual([76, 25]);
    expect(await n(50, 0)).toEqual([50, 0]);
  });

  it('the split shuffles: train and test together hold every sample once', async () => {
    const whole = await loadDataset({ ...spec('gaussians'), testFraction: 0 }, net(2, 3), 9);
    const split = await loadDataset(spec('gaussians'), net(2, 3), 9);
    const key = (x: Float32Array, i: number) => `${x[2 * i]},${x[2 * i + 1]}`;
    const all = new Set(Array.from({ length: whole.train.n }, (_, i) => key(whole.train.x, i)));
    const parts = [...Array.from({ length: split.train.n }, (_, i) => key(split.train.x, i)), ...Array.from({ length: split.test.n }, (_, i) => key(split.test.x, i))];
    expect(new Set(parts)).toEqual(all);
    expect(split.test.labels).not.toEqual(split.test.labels!.slice().sort());
  });

  it('sigmoid-bce on two classes: one target column holding the class', async () => {
    const d = await loadDataset(spec('moons'), net(2, 1, 'sigmoid-bce'), 2);
    expect(d).toMatchObject({ targetWidth: 1, classes: 2 });
    expect(Array.from(d.train.y)).toEqual(Array.from(d.train.labels!));
  });
});

describe('the network must fit the data', () => {
  it('output width vs classes', async () => {
    const e = await errorOf(loadDataset(spec('spiral'), { ...net(2, 3), layers: [...net(2, 3).layers, { units: 4, activation: { kind: 'linear' }, init: 'zeros', bias: null }] }, 1));
    expect(e.message).toBe('network.layers[2].units: the output layer has 4 units but the data set has 3 classes');
    expect(e.kind).toBe('data');
  });

  it('input width', async () => {
    expect((await errorOf(loadDataset(spec('spiral'), net(3, 3), 1))).message).toBe('network.inputs: expected 2 for spiral data, got 3');
    expect((await errorOf(loadDataset(spec('sine'), net(2, 1, 'mse'), 1))).message).toBe('network.inputs: expected 1 for sine data, got 2');
  });

  it('loss vs kind of data', async () => {
    expect((await errorOf(loadDataset(spec('spiral'), net(2, 3, 'mse'), 1))).message).toBe(
      'network.loss: spiral data is a classification set (3 classes): expected softmax-cross-entropy (or sigmoid-bce for 2 classes), got mse',
    );
    expect((await errorOf(loadDataset(spec('spiral'), net(2, 1, 'sigmoid-bce'), 1))).message).toBe(
      'network.loss: sigmoid-bce needs 2 classes but the data set has 3 (use softmax-cross-entropy)',
    );
    expect((await errorOf(loadDataset(spec('xor'), net(2, 2, 'sigmoid-bce'), 1))).message).toBe(
      'network.layers[1].units: the output layer has 2 units but sigmoid-bce on 2 classes needs 1',
    );
    expect((await errorOf(loadDataset(spec('sine'), net(1, 1, 'sigmoid-bce'), 1))).message).toBe(
      'network.loss: sine data is a regression set: expected mse, got sigmoid-bce',
    );
    expect((await errorOf(loadDataset(spec('sine'), net(1, 2, 'mse'), 1))).message).toBe(
      'network.layers[1].units: the output layer has 2 units but the data set has 1 target',
    );
  });

  it('a test fraction that leaves nothing to train on', async () => {
    expect((await errorOf(loadDataset({ ...spec('xor'), samples: 2, testFraction: 0.9 }, net(2, 2), 1))).message).toBe(
      'data.testFraction: leaves no training samples (2 samples, 2 for testing)',
    );
  });
});

describe('previewDataset', () => {
  it('gives the first training rows with their class', async () => {
    const d = await load('spiral');
    const p = previewDataset(d, 50);
    expect(p.n).toBe(50);
    expect(p.x).toEqual(d.train.x.slice(0, 100));
    expect(Array.from(p.y)).toEqual(Array.from(d.train.labels!.slice(0, 50)));
    expect(previewDataset(d).n).toBe(d.train.n);
  });

  it('gives the target for regression', async () => {
    const d = await load('sine');
    expect(previewDataset(d, 10).y).toEqual(d.train.y.slice(0, 10));
  });
});
