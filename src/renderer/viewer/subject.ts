/** What the viewer's exports are of: the open run, named as the viewer names it. */
import type { RunSubject } from '../export/subject';
import type { OpenRun } from './viewerStore';

export function runSubject(run: Pick<OpenRun, 'label' | 'experiment' | 'info' | 'inferred'>): RunSubject {
  return { name: run.label, experiment: run.experiment, info: run.inferred ? null : run.info };
}
