/** Loading and running the shipped presets headless, as `relu-lab run` does. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../src/core/data/load';
import type { Dataset } from '../../src/core/data/types';
import { parseExperimentText } from '../../src/core/experiment/parse';
import type { Experiment } from '../../src/core/experiment/types';
import { runExperiment, type RunSummary } from '../../src/core/train/run';
import type { MetricsRecord } from '../../src/core/train/trainer';

export const PRESETS_DIR = fileURLToPath(new URL('../../presets/', import.meta.url));

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
  let dead = 0;
  let units = 0;
  record.layers.forEach((l, i) => {
    dead += l.deadCount;
    units += e.network.layers[i].units;
  });
  return dead / units;
}
