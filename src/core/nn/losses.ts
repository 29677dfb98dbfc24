import type { LossKind } from '../experiment/types';

/**
 * The three losses, one record each (as Playground keeps its activations):
 * PyTorch's forward and gradient with mean reductions, how accuracy is
 * counted, what a point of the decision boundary shows, and which data the
 * loss fits with which output layer.
 * - softmax-cross-entropy: nn.CrossEntropyLoss on logits, mean over the batch;
 *   targets are the class indices in `labels`.
 * - mse: nn.MSELoss, mean over batch AND outputs; targets in `y`.
 * - sigmoid-bce: nn.BCEWithLogitsLoss, mean over all elements; targets in `y`.
 * `output` and `y` are batch × width, row-major. Sums run in float64.
 */
export interface Loss {
  readonly kind: LossKind;
  /**
   * What its targets are: a class index per sample (`labels`, one-hot in
   * `y`), probabilities in [0, 1] per output (0/1 in one column: two
   * classes), or any values.
   */
  readonly targets: 'classes' | 'probabilities' | 'values';
  forward(output: Float32Array, y: Float32Array, labels: Int32Array | null, batch: number, width: number): number;
  /** dOutput = ∂(mean loss)/∂output, batch × width. */
  backward(output: Float32Array, y: Float32Array, labels: Int32Array | null, batch: number, width: number, dOutput: Float32Array): void;
  /** How accuracy is counted; null for a loss that has none (mse). */
  readonly accuracy: Accuracy | null;
  /** What a point of the decision boundary shows for the output row at `start`: a class, or (regression) the value. */
  predict(output: Float32Array, start: number, width: number): number;
  /** The output layer this loss needs on such data, or why it does not fit it. */
  fit(data: TargetShape): LossFit;
}

export interface Accuracy {
  /** How many predictions in the batch are right. */
  correct(output: Float32Array, y: Float32Array, labels: Int32Array | null, batch: number, width: number): number;
  /** Out of how many. */
  outOf(batch: number, width: number): number;
}

/** What a loss needs to know of a data set's targets. */
export interface TargetShape {
  /** "spiral", "MNIST", "CSV" … as messages name the data set. */
  name: string;
  /** Number of classes; 0 for regression. */
  classes: number;
  /** Regression only: columns of a target row. */
  targetWidth: number;
  /** Regression targets in [0, 1] may also be learned with sigmoid-bce (inline data). */
  allowsBce?: boolean;
}

/** `units`: the output layer's width the loss needs, `because` says why in a message; or the reason it does not fit. */
export type LossFit = { units: number; because: string } | { refusal: string };

const regressionTargets = (data: TargetShape): LossFit => ({
  units: data.targetWidth,
  because: `the data set has ${data.targetWidth === 1 ? '1 target' : `${data.targetWidth} targets`}`,
});

const notRegression = (data: TargetShape, kind: LossKind): LossFit => ({
  refusal: `${data.name} data is a regression set: expected mse, got ${kind}`,
});

const softmaxCrossEntropy: Loss = {
  kind: 'softmax-cross-entropy',
  targets: 'classes',
  forward(output, _y, labels, batch, width) {
    const classes = requireLabels(labels, batch);
    let total = 0;
    for (let r = 0; r < batch; r++) {
      const row = r * width;
      total += logSumExp(output, row, width) - output[row + classes[r]];
    }
    return total / batch;
  },
  backward(output, _y, labels, batch, width, dOutput) {
    const classes = requireLabels(labels, batch);
    const scale = 1 / batch;
    for (let r = 0; r < batch; r++) {
      const row = r * width;
      const lse = logSumExp(output, row, width);
      for (let j = 0; j < width; j++) dOutput[row + j] = Math.exp(output[row + j] - lse) * scale;
      dOutput[row + classes[r]] -= scale;
    }
  },
  accuracy: {
    // One per sample: the argmax of the logits (first maximum on ties, like
    // torch.argmax) is the label, or with `labels` null the one-hot row's argmax.
    correct(output, y, labels, batch, width) {
      let correct = 0;
      for (let r = 0; r < batch; r++) {
        const row = r * width;
        const target = labels ? labels[r] : argmax(y, row, width);
        if (argmax(output, row, width) === target) correct++;
      }
      return correct;
    },
    outOf: (batch) => batch,
  },
  predict: argmax,
  fit(data) {
    if (data.classes === 0) return notRegression(data, 'softmax-cross-entropy');
    return { units: data.classes, because: `the data set has ${data.classes} classes` };
  },
};

const mse: Loss = {
  kind: 'mse',
  targets: 'values',
  forward: (output, y, _labels, batch, width) => elementMean(output, y, batch * width, (z, t) => (z - t) * (z - t)),
  backward(output, y, _labels, batch, width, dOutput) {
    const n = batch * width;
    const scale = 2 / n;
    for (let i = 0; i < n; i++) dOutput[i] = (output[i] - y[i]) * scale;
  },
  accuracy: null,
  predict: (output, start) => output[start],
  fit(data) {
    if (data.classes > 0) {
      return { refusal: `${data.name} data is a classification set (${data.classes} classes): expected softmax-cross-entropy (or sigmoid-bce for 2 classes), got mse` };
    }
    return regressionTargets(data);
  },
};

const sigmoidBce: Loss = {
  kind: 'sigmoid-bce',
  targets: 'probabilities',
  // max(z, 0) − z·t + log(1 + e^(−|z|)): never exponentiates a positive number.
  forward: (output, y, _labels, batch, width) => elementMean(output, y, batch * width, (z, t) => (z > 0 ? z : 0) - z * t + Math.log1p(Math.exp(z > 0 ? -z : z))),
  backward(output, y, _labels, batch, width, dOutput) {
    const n = batch * width;
    const scale = 1 / n;
    for (let i = 0; i < n; i++) {
      const z = output[i];
      const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      dOutput[i] = (s - y[i]) * scale;
    }
  },
  accuracy: {
    // One per output element: logit > 0 ⇔ target > 0.5.
    correct(output, y, _labels, batch, width) {
      const n = batch * width;
      let correct = 0;
      for (let i = 0; i < n; i++) if (output[i] > 0 === y[i] > 0.5) correct++;
      return correct;
    },
    outOf: (batch, width) => batch * width,
  },
  predict: (output, start) => (output[start] > 0 ? 1 : 0),
  fit(data) {
    if (data.classes > 0) {
      if (data.classes !== 2) return { refusal: `sigmoid-bce needs 2 classes but the data set has ${data.classes} (use softmax-cross-entropy)` };
      return { units: 1, because: 'sigmoid-bce on 2 classes needs 1' };
    }
    return data.allowsBce ? regressionTargets(data) : notRegression(data, 'sigmoid-bce');
  },
};

export const LOSSES: Readonly<Record<LossKind, Loss>> = {
  'softmax-cross-entropy': softmaxCrossEntropy,
  mse,
  'sigmoid-bce': sigmoidBce,
};

/** `current` where it fits the data, else the first loss (in LOSSES' order) that does: softmax-cross-entropy for classes, mse for targets. */
export function lossFitting(current: LossKind, data: TargetShape): LossKind {
  if ('units' in LOSSES[current].fit(data)) return current;
  return (Object.keys(LOSSES) as LossKind[]).find((kind) => 'units' in LOSSES[kind].fit(data)) ?? current;
}

/** The mean of term(output, target) over the first n elements: how mse and sigmoid-bce reduce. */
function elementMean(output: Float32Array, y: Float32Array, n: number, term: (z: number, t: number) => number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += term(output[i], y[i]);
  return total / n;
}

function logSumExp(v: Float32Array, start: number, width: number): number {
  let max = -Infinity;
  for (let j = 0; j < width; j++) if (v[start + j] > max) max = v[start + j];
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let j = 0; j < width; j++) sum += Math.exp(v[start + j] - max);
  return max + Math.log(sum);
}

/** Index of the first maximum of v[start … start + width), like torch.argmax. */
function argmax(v: Float32Array, start: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (v[start + j] > v[start + best]) best = j;
  return best;
}

function requireLabels(labels: Int32Array | null, batch: number): Int32Array {
  if (!labels || labels.length < batch) {
    throw new Error('softmax-cross-entropy needs a class index per sample (labels)');
  }
  return labels;
}
