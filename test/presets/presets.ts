/**
 * Loading and running the shipped presets headless, as `relu-lab run` does,
 * and their lessons' comparisons as the app's comparison view runs them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planComparison } from '../../src/core/compare/plan';
import { trainAll, type RunResult } from '../../src/core/compare/runner';
import type { CompareSpec } from '../../src/core/compare/spec';
import { deadShareOf } from '../../src/core/compare/table';
import { loadDataset } from '../../src/core/data/load';
import type { Dataset } from '../../src/core/data/types';
import { parseExperimentText } from '../../src/core/experiment/parse';
import type { Experiment } from '../../src/core/experiment/types';
import { setDefaultKernels } from '../../src/core/kernels';
import { fastestKernels } from '../../src/core/kernels/wasm';
import { runExperiment, type RunSummary } from '../../src/core/train/run';
import type { MetricsRecord } from '../../src/core/train/trainer';
import { parseCatalog, suggestedComparisons, type PresetEntry } from '../../src/renderer/lessons/catalog';

// The kernels every host of the app uses (the comparison worker too). The
// plain-TS ones differ in the last bits of a sum, and near a ReLU's zero
// that can decide whether a unit dies: the lessons quote what the app shows.
setDefaultKernels(fastestKernels());

export const PRESETS_DIR = fileURLToPath(new URL('../../presets/', import.meta.url));

export const catalog: PresetEntry[] = parseCatalog(JSON.parse(readFileSync(`${PRESETS_DIR}index.json`, 'utf8')));

export function readPreset(name: string): Experiment {
  const file = `${PRESETS_DIR}${name}.relu.json`;
  return parseExperimentText(readFileSync(file, 'utf8'), file);
}

export function dataFor(e: Experiment): Promise<Dataset> {
  return loadDataset(e.data, e.network, e.seed);
}

export async function train(e: Experiment, dataset?: Dataset): Promise<{ records: MetricsRecord[]; summary: RunSummary }> {
  const records: MetricsRecord[] = [];
  const { summary } = runExperiment(e, dataset ?? (await dataFor(e)), { record: (r) => records.push(r) }, () => performance.now());
  return { records, summary };
}

/** Share of all hidden units that are dead (never active on the probe set) at a record. */
export function deadShare(record: MetricsRecord, e: Experiment): number {
  return deadShareOf(record, e.network.layers.slice(0, -1).map((l) => l.units));
}

/** The same run measured less often: the statistics are read-only, so training and the records it keeps are the app's. */
export function measuredEvery(e: Experiment, every: number): Experiment {
  return { ...e, monitor: { ...e.monitor, every } };
}

/** Comparison `index` of lesson `id`, as its button in the lesson panel specifies it. */
export function lessonSpec(id: string, index: number): CompareSpec {
  const entry = catalog.find((p) => p.id === id);
  if (!entry) throw new Error(`no lesson ${id}`);
  return suggestedComparisons(entry, readPreset(id).network.layers.length - 1)[index];
}

/**
 * Trains a lesson's comparison as the comparison view does (same plan, data
 * and seeds), recording every `every` steps to keep the test quick. Returns
 * the runs of each value, in the order of the spec's values.
 */
export async function runLessonComparison(id: string, index: number, every = 100): Promise<{ spec: CompareSpec; byValue: RunResult[][] }> {
  const base = readPreset(id);
  const spec = lessonSpec(id, index);
  const results = trainAll(planComparison(measuredEvery(base, every), spec), await dataFor(base), () => performance.now());
  return { spec, byValue: spec.values.map((_, v) => results.filter((r) => r.valueIndex === v)) };
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
