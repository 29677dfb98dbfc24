/**
 * The final word on a design: the core's own parser (so the app and the CLI
 * accept exactly the same files) plus the data-fit check the core would
 * otherwise only make when loading data.
 */
import { checkNetworkFits } from '../../core/data/compat';
import { ValidationError } from '../../core/experiment/errors';
import { parseExperiment, serializeExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import { knownShape } from './designEdits';

export type DesignCheck = { ok: true; experiment: Experiment } | { ok: false; message: string; path: string };

export function checkDesign(candidate: Experiment): DesignCheck {
  try {
    const experiment = parseExperiment(JSON.parse(serializeExperiment(candidate)));
    const shape = knownShape(experiment.data);
    if (shape) checkNetworkFits(shape, experiment.network);
    return { ok: true, experiment };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, message: e.message, path: e.path };
    return { ok: false, message: e instanceof Error ? e.message : String(e), path: '' };
  }
}

/** The JSON object the core's `load` expects (and a file holds). */
export function experimentToRaw(e: Experiment): unknown {
  return JSON.parse(serializeExperiment(e));
}
