/**
 * From samples to a Dataset: targets shaped for the loss, then one seeded
 * shuffle whose last round(n · testFraction) samples become the test set.
 */
import { ValidationError } from '../experiment/errors';
import type { LossKind } from '../experiment/types';
import { LOSSES } from '../nn/losses';
import { Rng, STREAM } from '../random/rng';
import type { Samples } from './generated';
import type { Dataset, Split } from './types';

export function splitSamples(s: Samples, loss: LossKind, testFraction: number, seed: number): Dataset {
  const nTest = Math.round(s.n * testFraction);
  if (s.n - nTest < 1) {
    throw new ValidationError('data.testFraction', `leaves no training samples (${s.n} samples, ${nTest} for testing)`, 'data');
  }
  const order = new Int32Array(s.n);
  for (let i = 0; i < s.n; i++) order[i] = i;
  Rng.derive(seed, STREAM.split).shuffle(order);

  const oneHot = s.labels !== null && LOSSES[loss].targets === 'classes';
  // Labels without targets under sigmoid-bce (2 classes): a single 0/1 column.
  const targetWidth = s.labels !== null && !s.targets ? (oneHot ? s.classes : 1) : s.targetWidth;
  const take = (from: number, to: number): Split => gather(s, order, from, to, targetWidth, oneHot);
  const train = take(0, s.n - nTest);
  const test = take(s.n - nTest, s.n);
  return {
    description: `${s.description} (${train.n} train, ${test.n} test)`,
    inputs: s.inputs,
    targetWidth,
    classes: s.classes,
    featureNames: s.featureNames,
    classNames: s.classNames,
    train,
    test,
  };
}

function gather(s: Samples, order: Int32Array, from: number, to: number, targetWidth: number, oneHot: boolean): Split {
  const n = to - from;
  const x = new Float32Array(n * s.inputs);
  const y = new Float32Array(n * targetWidth);
  const labels = s.labels ? new Int32Array(n) : null;
  for (let r = 0; r < n; r++) {
    const src = order[from + r];
    for (let c = 0; c < s.inputs; c++) x[r * s.inputs + c] = s.x[src * s.inputs + c];
    if (s.targets) {
      for (let c = 0; c < targetWidth; c++) y[r * targetWidth + c] = s.targets[src * targetWidth + c];
    }
    if (s.labels && labels) {
      const label = s.labels[src];
      labels[r] = label;
      // sigmoid-bce on two classes: one target column holding the class (0 or 1).
      if (oneHot) y[r * targetWidth + label] = 1;
      else if (!s.targets) y[r] = label;
    }
  }
  return { n, x, y, labels };
}
