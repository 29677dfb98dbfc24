import type { LossKind } from '../experiment/types';

/**
 * The three losses with PyTorch's mean reductions:
 * - softmax-cross-entropy: nn.CrossEntropyLoss on logits, mean over the batch;
 *   targets are the class indices in `labels`.
 * - mse: nn.MSELoss, mean over batch AND outputs; targets in `y`.
 * - sigmoid-bce: nn.BCEWithLogitsLoss, mean over all elements; targets in `y`.
 * `output` and `y` are batch × width, row-major. Sums run in float64.
 */

export function lossForward(
  kind: LossKind,
  output: Float32Array,
  y: Float32Array,
  labels: Int32Array | null,
  batch: number,
  width: number,
): number {
  switch (kind) {
    case 'softmax-cross-entropy': {
      const classes = requireLabels(labels, batch);
      let total = 0;
      for (let r = 0; r < batch; r++) {
        const row = r * width;
        total += logSumExp(output, row, width) - output[row + classes[r]];
      }
      return total / batch;
    }
    case 'mse': {
      const n = batch * width;
      let total = 0;
      for (let i = 0; i < n; i++) { const d = output[i] - y[i]; total += d * d; }
      return total / n;
    }
    case 'sigmoid-bce': {
      const n = batch * width;
      let total = 0;
      for (let i = 0; i < n; i++) {
        // max(z, 0) − z·t + log(1 + e^(−|z|)): never exponentiates a positive number.
        const z = output[i];
        total += (z > 0 ? z : 0) - z * y[i] + Math.log1p(Math.exp(z > 0 ? -z : z));
      }
      return total / n;
    }
    default:
      throw new Error(`unknown loss ${String(kind satisfies never)}`);
  }
}

/** dOutput = ∂(mean loss)/∂output, batch × width. */
export function lossBackward(
  kind: LossKind,
  output: Float32Array,
  y: Float32Array,
  labels: Int32Array | null,
  batch: number,
  width: number,
  dOutput: Float32Array,
): void {
  switch (kind) {
    case 'softmax-cross-entropy': {
      const classes = requireLabels(labels, batch);
      const scale = 1 / batch;
      for (let r = 0; r < batch; r++) {
        const row = r * width;
        const lse = logSumExp(output, row, width);
        for (let j = 0; j < width; j++) dOutput[row + j] = Math.exp(output[row + j] - lse) * scale;
        dOutput[row + classes[r]] -= scale;
      }
      return;
    }
    case 'mse': {
      const n = batch * width;
      const scale = 2 / n;
      for (let i = 0; i < n; i++) dOutput[i] = (output[i] - y[i]) * scale;
      return;
    }
    case 'sigmoid-bce': {
      const n = batch * width;
      const scale = 1 / n;
      for (let i = 0; i < n; i++) {
        const z = output[i];
        const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        dOutput[i] = (s - y[i]) * scale;
      }
      return;
    }
    default:
      throw new Error(`unknown loss ${String(kind satisfies never)}`);
  }
}

/**
 * How many predictions are right: for softmax-cross-entropy one per sample
 * (argmax of the logits — first maximum on ties, like torch.argmax — equals
 * the label; with `labels` null, the argmax of the one-hot `y` row); for
 * sigmoid-bce one per output element (logit > 0 ⇔ target > 0.5), so divide
 * by batch × width. mse has no accuracy: NaN.
 */
export function countCorrect(
  kind: LossKind,
  output: Float32Array,
  y: Float32Array,
  labels: Int32Array | null,
  batch: number,
  width: number,
): number {
  switch (kind) {
    case 'softmax-cross-entropy': {
      let correct = 0;
      for (let r = 0; r < batch; r++) {
        const row = r * width;
        const target = labels ? labels[r] : argmax(y, row, width);
        if (argmax(output, row, width) === target) correct++;
      }
      return correct;
    }
    case 'sigmoid-bce': {
      const n = batch * width;
      let correct = 0;
      for (let i = 0; i < n; i++) if (output[i] > 0 === y[i] > 0.5) correct++;
      return correct;
    }
    case 'mse':
      return NaN;
    default:
      throw new Error(`unknown loss ${String(kind satisfies never)}`);
  }
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
export function argmax(v: Float32Array, start: number, width: number): number {
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
