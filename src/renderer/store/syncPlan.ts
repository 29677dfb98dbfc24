/**
 * How to bring the core in line with a design change: live values
 * (experiment/liveParams.ts) go as `set` (the run keeps its weights and
 * step), anything else reloads the experiment at step 0.
 */
import { liveChanges } from '../../core/experiment/liveParams';
import type { Experiment } from '../../core/experiment/types';
import type { Command } from '../../core/protocol/messages';

export type SyncPlan = { kind: 'none' } | { kind: 'set'; commands: Extract<Command, { type: 'set' }>[] } | { kind: 'load' };

/** `loaded`: the core has this run's trainer (else everything needs a load). Names never reach the core's run. */
export function planSync(prev: Experiment, next: Experiment, loaded: boolean): SyncPlan {
  const changes = liveChanges({ ...prev, name: next.name }, next);
  if (changes === null) return { kind: 'load' };
  if (changes.length === 0) return { kind: 'none' };
  if (!loaded) return { kind: 'load' };
  return { kind: 'set', commands: changes.map(({ path, value }) => ({ type: 'set', path, value })) };
}
