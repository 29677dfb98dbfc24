/**
 * Turns a base experiment and a comparison spec into the list of runs to
 * train. Every run of a value shares the base seed's data; seed k of a value
 * is `base.seed + k`, so value i and value j train from the same inits and
 * batch orders wherever their networks have the same shapes.
 */
import type { Experiment } from '../experiment/types';
import { valueLabel, type CompareSpec } from './spec';

export interface PlannedRun {
  /** Position in the plan (also the run's color index in the UI). */
  index: number;
  valueIndex: number;
  label: string;
  seed: number;
  experiment: Experiment;
}

export function planComparison(base: Experiment, spec: CompareSpec): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (let v = 0; v < spec.values.length; v++) {
    for (let k = 0; k < spec.seeds; k++) {
      const experiment = applyValue(base, spec, v, k);
      runs.push({ index: runs.length, valueIndex: v, label: valueLabel(spec, v), seed: experiment.seed, experiment });
    }
  }
  return runs;
}

/** The base experiment with value `v` of the spec and seed offset `k`; `base` is left untouched. */
export function applyValue(base: Experiment, spec: CompareSpec, v: number, k = 0): Experiment {
  // Experiments are plain JSON data: a JSON round trip is a deep copy (no structuredClone in the core's lib).
  const e = JSON.parse(JSON.stringify(base)) as Experiment;
  e.seed = (base.seed + k) >>> 0;
  const hidden = e.network.layers.length - 1;
  switch (spec.variable) {
    case 'activation':
      for (let l = 0; l < hidden; l++) e.network.layers[l].activation = { ...spec.values[v] };
      break;
    case 'layer-activation':
      e.network.layers[spec.layer].activation = { ...spec.values[v] };
      break;
    case 'init':
      for (const layer of e.network.layers) layer.init = spec.values[v];
      break;
    case 'lr':
      e.training.optimizer.lr = spec.values[v];
      break;
    case 'seed':
      e.seed = spec.values[v];
      break;
  }
  // Initial weights would override the variable being compared (and a prelu
  // value needs an alpha the file does not have): every run starts from its init.
  e.weights = null;
  e.name = `${base.name} — ${valueLabel(spec, v)}${spec.seeds > 1 ? ` (seed ${e.seed})` : ''}`;
  return e;
}
