// The four benchmark cases, shared by every implementation (our core,
// TensorFlow.js, numpy and PyTorch via bench/python/) so they all time the same work.

export const BINS = 40;

export type CaseId = 'a' | 'b' | 'c' | 'd';

export interface BenchCase {
  id: CaseId;
  title: string;
  /** Layer widths, inputs first; hidden layers are ReLU, the output linear with softmax cross-entropy. */
  sizes: number[];
  /** Samples per iteration: the training batch, or the probe pass size for (d). */
  batch: number;
  /** Forward, loss, backward and SGD update; otherwise a forward pass only. */
  train: boolean;
  /** Also measure every instrument at every step, on the training batch's own values (no extra forward pass). */
  instruments: boolean;
}

export const CASES: BenchCase[] = [
  { id: 'a', title: 'train step 784-256-128-10, b64', sizes: [784, 256, 128, 10], batch: 64, train: true, instruments: false },
  { id: 'b', title: 'same + every instrument, every step', sizes: [784, 256, 128, 10], batch: 64, train: true, instruments: true },
  { id: 'c', title: 'train step 2-8-8-3, b32', sizes: [2, 8, 8, 3], batch: 32, train: true, instruments: false },
  { id: 'd', title: 'probe pass 1024 × 784-256-128-10', sizes: [784, 256, 128, 10], batch: 1024, train: false, instruments: false },
];

/**
 * Nominal floating-point work of one iteration: 2·m·n·k per matmul of the
 * forward pass, and twice that for a backward pass (weights + inputs), the
 * usual convention, so every implementation is credited with the same count
 * whatever it actually skips (ours skips dLoss/dx of the first layer).
 * The instruments of (b) are not counted: they are what (b) costs over (a).
 */
export function caseFlops(c: BenchCase): number {
  const forward = (batch: number): number => {
    let f = 0;
    for (let l = 1; l < c.sizes.length; l++) f += 2 * batch * c.sizes[l - 1] * c.sizes[l];
    return f;
  };
  return c.train ? 3 * forward(c.batch) : forward(c.batch);
}

/** Samples a case processes per iteration. */
export function caseSamples(c: BenchCase): number {
  return c.batch;
}
