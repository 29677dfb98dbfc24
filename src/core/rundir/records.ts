/**
 * A run folder's record as the viewer uses it: a metrics.jsonl line joined
 * with the units.jsonl line of the same step, numbers in typed arrays.
 */
import type { Histogram } from '../protocol/messages';
import type { MetricsLayer } from './format';

/** One layer of a metrics line, as the file has it. */
export type RecordLayer = MetricsLayer;

/** One layer of a units line. */
export interface RecordUnits {
  activationRate: Float32Array;
  preHist: Histogram;
  postHist: Histogram;
  gradHist: Histogram | null;
  /** PReLU's α (the mean where there is one per channel); null for other activations. */
  alpha: number | null;
}

export interface RunRecord {
  step: number;
  epoch: number | null;
  loss: number | null;
  accuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  nonFinite: boolean;
  final: boolean;
  layers: RecordLayer[];
  /** Per layer, from the units line of the same step; null where the folder has no such line. */
  units: RecordUnits[] | null;
}

/** Something a reader could not take, named by file and line (null: the file as a whole). */
export interface RunProblem {
  file: string;
  line: number | null;
  message: string;
}

export function describeProblem(p: RunProblem): string {
  return p.line === null ? `${p.file}: ${p.message}` : `${p.file} line ${p.line}: ${p.message}`;
}

/** The typed arrays a record owns, for a transfer list. */
export function recordBuffers(record: RunRecord): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const u of record.units ?? []) {
    out.push(u.activationRate.buffer as ArrayBuffer, u.preHist.counts.buffer as ArrayBuffer, u.postHist.counts.buffer as ArrayBuffer);
    if (u.gradHist) out.push(u.gradHist.counts.buffer as ArrayBuffer);
  }
  return out;
}
