/**
 * How to bring the core in line with a design change: live hyper-parameters
 * go as `set` (the run keeps its weights and step), anything else reloads
 * the experiment at step 0.
 */
import type { Experiment, OptimizerSpec } from '../../core/experiment/types';
import type { Command } from '../../core/protocol/messages';

export type SyncPlan = { kind: 'none' } | { kind: 'set'; commands: Extract<Command, { type: 'set' }>[] } | { kind: 'load' };

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function withoutLive(e: Experiment): unknown {
  const { lr: _lr, weightDecay: _wd, ...optimizer } = e.training.optimizer as OptimizerSpec & Record<string, unknown>;
  return { ...e, name: '', training: { ...e.training, batchSize: 0, optimizer: { kind: optimizer.kind } } };
}

/** `loaded`: the core has this run's trainer (else everything needs a load). Names never reach the core's run. */
export function planSync(prev: Experiment, next: Experiment, loaded: boolean): SyncPlan {
  if (sameJson({ ...prev, name: '' }, { ...next, name: '' })) return { kind: 'none' };
  if (!loaded || !sameJson(withoutLive(prev), withoutLive(next))) return { kind: 'load' };
  const commands: Extract<Command, { type: 'set' }>[] = [];
  const a = prev.training.optimizer;
  const b = next.training.optimizer;
  if (!sameJson({ ...a, lr: 0, weightDecay: 0 }, { ...b, lr: 0, weightDecay: 0 })) {
    commands.push({ type: 'set', path: 'training.optimizer', value: b });
  } else {
    if (a.lr !== b.lr) commands.push({ type: 'set', path: 'training.optimizer.lr', value: b.lr });
    if (a.weightDecay !== b.weightDecay) commands.push({ type: 'set', path: 'training.optimizer.weightDecay', value: b.weightDecay });
  }
  if (prev.training.batchSize !== next.training.batchSize) commands.push({ type: 'set', path: 'training.batchSize', value: next.training.batchSize });
  return { kind: 'set', commands };
}
