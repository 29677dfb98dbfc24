import type { Rng } from '../random/rng';
import type { Split } from '../data/types';

/**
 * Walks the training set in epochs like PyTorch's DataLoader(drop_last=False):
 * a fresh permutation each epoch (when shuffling), consecutive batches, the
 * last one possibly smaller. Gathers each batch into preallocated buffers.
 */
export class BatchSampler {
  readonly order: Int32Array;
  private cursor = 0;
  /** Epochs fully consumed. */
  epochsDone = 0;

  constructor(
    private readonly split: Split,
    private readonly inputs: number,
    private readonly targetWidth: number,
    private readonly shuffle: boolean,
    private readonly rng: Rng,
  ) {
    this.order = new Int32Array(split.n);
    for (let i = 0; i < split.n; i++) this.order[i] = i;
    if (shuffle) rng.shuffle(this.order);
  }

  /** Samples left in the current epoch. */
  get remainingInEpoch(): number {
    return this.split.n - this.cursor;
  }

  /**
   * Copies the next batch (at most `size` samples, never crossing an epoch
   * boundary) into x/y/labels; returns how many samples it holds.
   */
  next(size: number, x: Float32Array, y: Float32Array, labels: Int32Array): number {
    const { split, inputs, targetWidth, order } = this;
    const count = Math.min(size, split.n - this.cursor);
    for (let b = 0; b < count; b++) {
      const i = order[this.cursor + b];
      copyRow(split.x, i * inputs, x, b * inputs, inputs);
      copyRow(split.y, i * targetWidth, y, b * targetWidth, targetWidth);
      if (split.labels) labels[b] = split.labels[i];
    }
    this.cursor += count;
    if (this.cursor >= split.n) {
      this.cursor = 0;
      this.epochsDone++;
      if (this.shuffle) this.rng.shuffle(this.order);
    }
    return count;
  }
}

export function stepsPerEpoch(samples: number, batchSize: number): number {
  return Math.max(1, Math.ceil(samples / batchSize));
}

/** An explicit loop: `subarray` would allocate a view per sample. */
export function copyRow(from: Float32Array, fromOffset: number, to: Float32Array, toOffset: number, n: number): void {
  for (let j = 0; j < n; j++) to[toOffset + j] = from[fromOffset + j];
}
