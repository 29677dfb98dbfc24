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

/**
 * `probe` samples chosen with the experiment's seed, or the whole training
 * set for 'train' (and whenever the set is no larger than the request), so
 * the same experiment always measures on the same samples.
 */
export function selectProbe(train: Split, inputs: number, probe: number | 'train', seed: number): ProbeSet {
  const all = probe === 'train' || probe >= train.n;
  const n = all ? train.n : Math.max(1, Math.floor(probe));
  const order = new Int32Array(train.n);
  for (let i = 0; i < train.n; i++) order[i] = i;
  if (!all) Rng.derive(seed, STREAM.probe).shuffle(order);
  const indices = order.slice(0, n);
  const x = new Float32Array(n * inputs);
  for (let s = 0; s < n; s++) copyRow(train.x, indices[s] * inputs, x, s * inputs, inputs);
  return { n, x, indices };
}
