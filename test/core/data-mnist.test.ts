import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { ValidationError } from '../../src/core/experiment/errors';
import type { NetworkSpec } from '../../src/core/experiment/types';

const NET: NetworkSpec = {
  inputs: 784,
  layers: [
    { units: 32, activation: { kind: 'relu' }, init: 'he-normal', bias: null },
    { units: 10, activation: { kind: 'linear' }, init: 'he-normal', bias: null },
  ],
  loss: 'softmax-cross-entropy',
};

describe('MNIST data', () => {
  it('784 inputs in [0, 1], 10 balanced classes, 80/20 split', async () => {
    const d = await loadDataset({ kind: 'mnist', samples: 300, testFraction: 0.2 }, NET, 1);
    expect(d).toMatchObject({ inputs: 784, classes: 10, targetWidth: 10 });
    expect([d.train.n, d.test.n]).toEqual([240, 60]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of d.train.x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBe(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThan(0.9);
    const counts = new Array(10).fill(0);
    for (const split of [d.train, d.test]) for (const l of split.labels!) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(30));
  });

  it('is the same for the same seed and other digits for another', async () => {
    const load = (seed: number) => loadDataset({ kind: 'mnist', samples: 50, testFraction: 0 }, NET, seed);
    const [a, b, c] = [await load(4), await load(4), await load(5)];
    expect(a.train.x).toEqual(b.train.x);
    expect(a.train.x).not.toEqual(c.train.x);
  });

  it('never repeats an image within a class', async () => {
    const d = await loadDataset({ kind: 'mnist', samples: 2000, testFraction: 0 }, NET, 2);
    const seen = new Set<string>();
    for (let r = 0; r < d.train.n; r++) {
      // A cheap fingerprint of the image: its pixel sum and a few sampled pixels.
      const img = d.train.x.subarray(r * 784, (r + 1) * 784);
      seen.add(`${d.train.labels![r]}:${img.reduce((a, b) => a + b, 0)}:${img[300]}:${img[400]}:${img[500]}`);
    }
    expect(seen.size).toBeGreaterThan(1990);
  });

  it('refuses more samples than balanced classes allow, and a wrong input width', async () => {
    await expect(loadDataset({ kind: 'mnist', samples: 9000, testFraction: 0 }, NET, 1)).rejects.toThrow(
      'data.samples: expected at most 8630 for MNIST',
    );
    await expect(loadDataset({ kind: 'mnist', samples: 100, testFraction: 0 }, { ...NET, inputs: 28 }, 1)).rejects.toThrow(
      new ValidationError('network.inputs', 'expected 784 for MNIST data, got 28', 'data'),
    );
  });
});
