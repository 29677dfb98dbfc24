/** What the instruments' exports are of: the lab's own run, or a run opened in the viewer. */
import type { Experiment } from '../../core/experiment/types';
import type { RunInfo } from '../../core/rundir/format';

export interface RunSubject {
  /** Names the files and titles the charts. */
  name: string;
  /** The experiment the run trained, where known (the lab's design; a run made by ReLU Lab). */
  experiment: Experiment | null;
  /** The run folder's run.json (its source and layers), where the run came from one. */
  info: RunInfo | null;
}

export function labSubject(experiment: Experiment): RunSubject {
  return { name: experiment.name, experiment, info: null };
}
