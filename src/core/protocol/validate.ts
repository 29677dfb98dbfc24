import { describe, isObj } from '../experiment/fields';
import { PROTOCOL_VERSION, SETTABLE_PATHS, type Command, type SettablePath } from './messages';

/** A message that is not a valid command: the reason names the field. */
export class BadMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadMessage';
  }
}

const MAX_STEPS_PER_COMMAND = 1_000_000;
const MAX_BORN_DEAD_TRIALS = 1_000_000;

/**
 * Checks an incoming message against the command union. Returns the command
 * (without its envelope) or throws BadMessage naming what was wrong; it never
 * trusts shapes it has not checked.
 */
export function parseCommand(data: unknown): Command {
  if (!isObj(data)) throw new BadMessage(`expected a command object, got ${describe(data)}`);
  if (data.protocol !== PROTOCOL_VERSION) {
    throw new BadMessage(`protocol: expected ${PROTOCOL_VERSION}, got ${describe(data.protocol)}`);
  }
  const type = data.type;
  switch (type) {
    case 'play':
    case 'pause':
    case 'probe':
    case 'exportWeights':
      return { type };
    case 'load': {
      if (!('experiment' in data)) throw new BadMessage('load.experiment: missing');
      const files = data.files;
      if (files !== undefined) {
        if (!isObj(files)) throw new BadMessage('load.files: expected an object of path → text');
        for (const [k, v] of Object.entries(files)) {
          if (typeof v !== 'string') throw new BadMessage(`load.files["${k}"]: expected the file's text`);
        }
      }
      const resume = data.resume;
      if (resume !== undefined) {
        if (!isObj(resume) || !isCount(resume.step, 0, Number.MAX_SAFE_INTEGER) || !isObj(resume.weights)) {
          throw new BadMessage('load.resume: expected {step: integer ≥ 0, weights: weights@1 object}');
        }
      }
      return {
        type,
        experiment: data.experiment,
        files: files as Record<string, string> | undefined,
        resume: resume as Extract<Command, { type: 'load' }>['resume'],
      };
    }
    case 'step':
      if (!isCount(data.n, 1, MAX_STEPS_PER_COMMAND)) {
        throw new BadMessage(`step.n: expected an integer from 1 to ${MAX_STEPS_PER_COMMAND}, got ${describe(data.n)}`);
      }
      return { type, n: data.n as number };
    case 'reset':
      if (data.seed !== undefined && !isCount(data.seed, 0, 0xffffffff)) {
        throw new BadMessage(`reset.seed: expected an integer from 0 to 4294967295, got ${describe(data.seed)}`);
      }
      return data.seed === undefined ? { type } : { type, seed: data.seed as number };
    case 'set':
      if (typeof data.path !== 'string' || !(SETTABLE_PATHS as readonly string[]).includes(data.path)) {
        throw new BadMessage(`set.path: expected one of ${SETTABLE_PATHS.join(', ')}, got ${describe(data.path)}`);
      }
      if (!('value' in data)) throw new BadMessage('set.value: missing');
      return { type, path: data.path as SettablePath, value: data.value };
    case 'bornDead':
      if (!isCount(data.trials, 1, MAX_BORN_DEAD_TRIALS)) {
        throw new BadMessage(`bornDead.trials: expected an integer from 1 to ${MAX_BORN_DEAD_TRIALS}, got ${describe(data.trials)}`);
      }
      return { type, trials: data.trials as number };
    case 'inspect': {
      const unit = data.unit;
      if (unit === null) return { type, unit: null };
      if (!isObj(unit) || !isCount(unit.layer, 0, 1e6) || !isCount(unit.unit, 0, 1e6)) {
        throw new BadMessage('inspect.unit: expected null or {layer, unit} (integers ≥ 0)');
      }
      return { type, unit: { layer: unit.layer as number, unit: unit.unit as number } };
    }
    case 'ack':
      if (!isCount(data.seq, 0, Number.MAX_SAFE_INTEGER)) throw new BadMessage(`ack.seq: expected an integer ≥ 0, got ${describe(data.seq)}`);
      return { type, seq: data.seq as number };
    default:
      throw new BadMessage(`type: unknown command ${describe(type)}`);
  }
}

function isCount(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
