/**
 * The experiment's values a run takes while it trains (DESIGN §7, "Live
 * `set` paths"), each written once: how to read it from a design, write it
 * into one, check a value by the rule experiment files follow, and hand it
 * to a running trainer. The renderer plans its `set` commands from this
 * table (`liveChanges`) and the session carries them out with it
 * (`setLiveValue`): a slider's tick changes one field, nothing is
 * serialized or parsed again.
 */
import { equalValues } from './equal';
import { parseBatchSize, parseLearningRate, parseOptimizer, parseWeightDecay } from './parse';
import type { Experiment, OptimizerSpec } from './types';

/** What takes a live value in a run (the Trainer). */
export interface LiveTarget {
  readonly optimizer: { lr: number; weightDecay: number };
  setBatchSize(size: number | 'full'): unknown;
  /** A new optimizer starts with fresh state. */
  setOptimizer(spec: OptimizerSpec): void;
}

interface LiveParam<V> {
  read(e: Experiment): V;
  /** The design with this value; every other part is shared with `e`. */
  write(e: Experiment, value: V): Experiment;
  /** The value as files have it, or a ValidationError naming the path. */
  parse(value: unknown): V;
  apply(target: LiveTarget, value: V): void;
  /** Live values this one contains: a change of it replaces theirs. */
  covers?: readonly string[];
}

const withOptimizer = (e: Experiment, optimizer: OptimizerSpec): Experiment => ({ ...e, training: { ...e.training, optimizer } });

const learningRate: LiveParam<number> = {
  read: (e) => e.training.optimizer.lr,
  write: (e, lr) => withOptimizer(e, { ...e.training.optimizer, lr }),
  parse: parseLearningRate,
  apply: (target, lr) => {
    target.optimizer.lr = lr;
  },
};

const weightDecay: LiveParam<number> = {
  read: (e) => e.training.optimizer.weightDecay,
  write: (e, value) => withOptimizer(e, { ...e.training.optimizer, weightDecay: value }),
  parse: parseWeightDecay,
  apply: (target, value) => {
    target.optimizer.weightDecay = value;
  },
};

const optimizer: LiveParam<OptimizerSpec> = {
  read: (e) => e.training.optimizer,
  write: withOptimizer,
  parse: parseOptimizer,
  apply: (target, spec) => target.setOptimizer(spec),
  covers: ['training.optimizer.lr', 'training.optimizer.weightDecay'],
};

const batchSize: LiveParam<number | 'full'> = {
  read: (e) => e.training.batchSize,
  write: (e, value) => ({ ...e, training: { ...e.training, batchSize: value } }),
  parse: parseBatchSize,
  // Capped by the buffers the run allocated at load.
  apply: (target, value) => void target.setBatchSize(value),
};

/** In the order changes are looked for: a value before the one that contains it. */
export const LIVE_PARAMS = {
  'training.optimizer.lr': learningRate,
  'training.optimizer.weightDecay': weightDecay,
  'training.optimizer': optimizer,
  'training.batchSize': batchSize,
};
export type LivePath = keyof typeof LIVE_PARAMS;
export const LIVE_PATHS = Object.keys(LIVE_PARAMS) as LivePath[];

const param = (path: LivePath): LiveParam<unknown> => LIVE_PARAMS[path] as LiveParam<unknown>;

export interface LiveChange {
  path: LivePath;
  value: unknown;
}

/**
 * The live values that take `prev` to `next`, as few as say it (a new
 * optimizer, not its rate and decay besides); null when the designs differ
 * in anything else as well, which a run cannot take live.
 */
export function liveChanges(prev: Experiment, next: Experiment): LiveChange[] | null {
  if (prev === next) return [];
  let reached = prev;
  let changes: LiveChange[] = [];
  for (const path of LIVE_PATHS) {
    const p = param(path);
    const value = p.read(next);
    if (equalValues(p.read(reached), value)) continue;
    reached = p.write(reached, value);
    changes = changes.filter((c) => !p.covers?.includes(c.path));
    changes.push({ path, value });
  }
  return equalValues(reached, next) ? changes : null;
}

/**
 * The design with one live value set, checked by the rule files follow
 * (throws a ValidationError naming the path); a running `target` takes the
 * value too.
 */
export function setLiveValue(e: Experiment, path: LivePath, value: unknown, target?: LiveTarget): Experiment {
  const p = param(path);
  const parsed = p.parse(value);
  if (target) p.apply(target, parsed);
  return p.write(e, parsed);
}
