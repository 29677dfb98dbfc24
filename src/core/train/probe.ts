import type { Split } from '../data/types';
import { Rng, STREAM } from '../random/rng';
import { copyRow } from './batches';

/** The fixed subset of the training data the instruments are measured on (DESIGN §3). */
export interface ProbeSet {
  n: number;
  /** n × inputs, row-major. */
  x: Float32Array;
  /** Indices into the training split, in probe order. */
  indices: Int32Array;
}

/** How many samples selectProbe takes from a training split of `trainSize`. */
export function probeSize(trainSize: number, probe: number | 'train'): number {
  return probe === 'train' || probe >= trainSize ? trainSize : Math.max(1, Math.floor(probe));
}

/**
 * `probe` samples chosen with the experiment's seed, or the whole training
 * set for 'train' (and whenever the set is no larger than the request), so
 * the same experiment always measures on the same samples. `zeros` makes
 * the x buffer (a trainer passes its kernels' alloc: every frame's probe
 * pass then reads it in place).
 */
export function selectProbe(train: Split, inputs: number, probe: number | 'train', seed: number, zeros: (n: number) => Float32Array = (n) => new Float32Array(n)): ProbeSet {
  const n = probeSize(train.n, probe);
  const all = n === train.n;
  const order = new Int32Array(train.n);
  for (let i = 0; i < train.n; i++) order[i] = i;
  if (!all) Rng.derive(seed, STREAM.probe).shuffle(order);
  const indices = order.slice(0, n);
  const x = zeros(n * inputs);
  for (let s = 0; s < n; s++) copyRow(train.x, indices[s] * inputs, x, s * inputs, inputs);
  return { n, x, indices };
}

/**
 * Multiply-adds of a probe slice: about 2 ms of the kernels' products on one
 * thread. A frame taken while training measures one slice of the probe set
 * (the Session), so that the instruments cost a small share of the
 * training's time while the charts still move at every frame.
 */
export const SLICE_MULTIPLY_ADDS = 32e6;
/** Every probe sample is measured within this many training frames (under a second at 20 frames a second and more). */
export const MAX_PROBE_SLICES = 16;

/** Into how many slices a probe set of `n` samples is measured while training: 1 where a whole pass is cheap. */
export function probeSliceCount(n: number, multiplyAddsPerSample: number): number {
  return Math.max(1, Math.min(MAX_PROBE_SLICES, n, Math.ceil((n * multiplyAddsPerSample) / SLICE_MULTIPLY_ADDS)));
}

/** Samples [start, end) of slice `slice` of `slices` over n samples: equal parts, the first n mod slices one longer. */
export function sliceRange(n: number, slices: number, slice: number): { start: number; end: number } {
  const base = Math.floor(n / slices);
  const extra = n % slices;
  const start = slice * base + Math.min(slice, extra);
  return { start, end: start + base + (slice < extra ? 1 : 0) };
}
