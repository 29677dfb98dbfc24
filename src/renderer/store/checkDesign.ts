/**
 * The final word on a design: the core's own parser (so the app and the CLI
 * accept exactly the same files) plus the data-fit check the core would
 * otherwise only make when loading data. A change of live values alone (a
 * slider's tick) is checked value by value, by the same rules, without
 * taking the design through its file format.
 */
import { checkNetworkFits } from '../../core/data/compat';
import { ValidationError } from '../../core/experiment/errors';
import { liveChanges, setLiveValue } from '../../core/experiment/liveParams';
import { parseExperiment, serializeExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import { knownShape } from './designEdits';

export type DesignCheck = { ok: true; experiment: Experiment } | { ok: false; message: string; path: string };

/** `current`: the accepted design `candidate` was made from, if any. */
export function checkDesign(candidate: Experiment, current?: Experiment): DesignCheck {
  try {
    const live = current ? liveChanges(current, candidate) : null;
    if (current && live) return { ok: true, experiment: live.reduce((e, c) => setLiveValue(e, c.path, c.value), current) };
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
