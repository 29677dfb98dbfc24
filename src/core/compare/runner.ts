/**
 * Trains the planned runs of a comparison, one after the other, with the
 * same Trainer and record schedule as `relu-lab run` — a comparison row is
 * what the CLI would have measured for that experiment.
 */
import type { Dataset } from '../data/types';
import { runExperiment, type RunSummary } from '../train/run';
import type { MetricsRecord } from '../train/trainer';
import type { PlannedRun } from './plan';

export interface RunResult {
  index: number;
  valueIndex: number;
  label: string;
  seed: number;
  /** The metrics.jsonl records of the run, in order. */
  records: MetricsRecord[];
  summary: RunSummary;
  /** PReLU's learned alpha per hidden layer at the end (null for other activations). */
  finalAlpha: (number | null)[];
}

export type RunProgress = (step: number, total: number) => void;

export function trainPlannedRun(run: PlannedRun, dataset: Dataset, now: () => number, progress?: RunProgress): RunResult {
  const records: MetricsRecord[] = [];
  const { summary, weights } = runExperiment(run.experiment, dataset, { record: (r) => records.push(r), progress }, now);
  return {
    index: run.index,
    valueIndex: run.valueIndex,
    label: run.label,
    seed: run.seed,
    records,
    summary,
    finalAlpha: summary.layers.map((_, l) => weights?.layers[l].alpha ?? null),
  };
}

/** Trains every run in order; `onRun` sees each result as soon as it is ready. */
export function trainAll(
  runs: readonly PlannedRun[],
  dataset: Dataset,
  now: () => number,
  onRun?: (result: RunResult) => void,
): RunResult[] {
  return runs.map((run) => {
    const result = trainPlannedRun(run, dataset, now);
    onRun?.(result);
    return result;
  });
}
