/** What the viewer's exports are of: the open run, named as the viewer names it. */
import type { RunSubject } from '../export/subject';
import type { OpenRun } from './viewerStore';

export function runSubject(run: OpenRun): RunSubject {
  return { name: run.label, experiment: run.experiment, info: run.inferred ? null : run.info };
}
