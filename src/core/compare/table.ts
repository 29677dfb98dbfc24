/**
 * The results table of a comparison: one row per value, each metric as
 * mean ± sample standard deviation over the value's seeds. Diverged runs are
 * counted, not averaged (their losses are NaN or infinite).
 */
import type { RunResult } from './runner';

export interface Spread {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single run. */
  sd: number;
  n: number;
}

export interface ResultRow {
  valueIndex: number;
  label: string;
  runs: number;
  diverged: number;
  trainLoss: Spread | null;
  trainAccuracy: Spread | null;
  testLoss: Spread | null;
  testAccuracy: Spread | null;
  /** Per hidden layer: dead (never-active) units at the end. */
  deadPerLayer: Spread[];
  /** The share of all hidden units that are dead (never active) at the end: what the lessons quote. */
  deadShare: Spread | null;
  /** Units per hidden layer (the same for every run of a comparison). */
  units: number[];
  seconds: Spread;
}

export function spread(values: readonly number[]): Spread | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return { mean, sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0, n };
}

export function summarizeComparison(labels: readonly string[], results: readonly RunResult[]): ResultRow[] {
  return labels.map((label, valueIndex) => {
    const all = results.filter((r) => r.valueIndex === valueIndex);
    const ok = all.filter((r) => !r.summary.diverged);
    const finals = ok.map((r) => r.summary.final);
    const pick = (f: (x: (typeof finals)[number]) => number | undefined): Spread | null =>
      spread(finals.map(f).filter((v): v is number => v !== undefined && Number.isFinite(v)));
    const units = (all[0]?.summary.layers ?? []).map((l) => l.units);
    return {
      valueIndex,
      label,
      runs: all.length,
      diverged: all.length - ok.length,
      trainLoss: pick((f) => f.loss),
      trainAccuracy: pick((f) => f.accuracy),
      testLoss: pick((f) => f.testLoss),
      testAccuracy: pick((f) => f.testAccuracy),
      deadPerLayer: units.map((_, l) => spread(ok.map((r) => r.summary.final.layers[l].deadCount)) ?? { mean: NaN, sd: NaN, n: 0 }),
      deadShare: spread(ok.map((r) => deadShareOf(r.summary.final, units))),
      units,
      seconds: spread(all.map((r) => r.summary.seconds))!,
    };
  });
}

/** The share of all hidden units dead (never active on the probe set) at a record. */
export function deadShareOf(record: { layers: readonly { deadCount: number }[] }, units: readonly number[]): number {
  let dead = 0;
  let total = 0;
  record.layers.forEach((l, i) => {
    dead += l.deadCount;
    total += units[i];
  });
  return total > 0 ? dead / total : 0;
}
