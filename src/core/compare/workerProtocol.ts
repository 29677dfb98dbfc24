/**
 * The comparison worker's protocol (not the session's, which is
 * src/core/protocol/messages.ts): the renderer asks for a comparison or a
 * born-dead grid, the worker answers with progress and results. Both
 * directions are validated on arrival (`parseCompareRequest` in the worker,
 * `parseCompareEvent` in the renderer) with field-path messages.
 */
import {
  array, at, describe, fail, isObj, join, number, object, oneOf, required, string, type NumberRule,
} from '../experiment/fields';
import type { MetricsRecord } from '../train/trainer';
import { MAX_GRID_DEPTH, MAX_GRID_WIDTH, type GridCell } from './grid';
import type { RunResult } from './runner';
import type { ResultRow, Spread } from './table';

export const MAX_GRID_TRIALS = 100_000;

export type CompareRequest =
  /** `experiment` and `spec` are raw: the worker validates them like any file. `files` holds CSV texts the experiment names. */
  | { type: 'compare'; id: number; experiment: unknown; spec: unknown; files?: Record<string, string> }
  | { type: 'bornDeadGrid'; id: number; experiment: unknown; depths: number[]; widths: number[]; trials: number; files?: Record<string, string> }
  /** Stops job `id` after its current run or cell. */
  | { type: 'cancel'; id: number };

export interface PlannedRunInfo {
  index: number;
  valueIndex: number;
  label: string;
  seed: number;
}

export type CompareEvent =
  | { type: 'plan'; id: number; variable: string; labels: string[]; runs: PlannedRunInfo[] }
  /** Run `run` has reached `step` of `total`; `done` runs are finished. */
  | { type: 'progress'; id: number; run: number; step: number; total: number; done: number; runs: number }
  | { type: 'run'; id: number; result: RunResult }
  | { type: 'table'; id: number; rows: ResultRow[]; csv: string }
  | { type: 'cell'; id: number; cell: GridCell; done: number; cells: number }
  | { type: 'done'; id: number; cancelled: boolean }
  | { type: 'error'; id: number; message: string };

const KIND = 'experiment';
const ID: NumberRule = { integer: true, min: 0 };
const COUNT: NumberRule = { integer: true, min: 0 };

// ───────────────────────────── requests (renderer → worker)

export function parseCompareRequest(raw: unknown): CompareRequest {
  const root = 'request';
  const type = oneOf(isObj(raw) ? raw.type : raw, join(root, 'type'), ['compare', 'bornDeadGrid', 'cancel'] as const, 'request type', KIND);
  switch (type) {
    case 'compare': {
      const obj = object(raw, root, ['type', 'id', 'experiment', 'spec', 'files'], KIND);
      return {
        type, id: number(obj.id, join(root, 'id'), ID, KIND),
        experiment: required(obj, root, 'experiment', 'an experiment', KIND),
        spec: required(obj, root, 'spec', 'a comparison spec', KIND),
        ...files(obj, root),
      };
    }
    case 'bornDeadGrid': {
      const obj = object(raw, root, ['type', 'id', 'experiment', 'depths', 'widths', 'trials', 'files'], KIND);
      const list = (key: string, max: number): number[] => {
        const path = join(root, key);
        const values = array(required(obj, root, key, 'an array of integers', KIND), path, 'an array of integers', KIND);
        if (values.length === 0 || values.length > 32) fail(path, `expected 1–32 values, got ${values.length}`, KIND);
        return values.map((v, i) => number(v, at(path, i), { integer: true, min: 1, max }, KIND));
      };
      return {
        type, id: number(obj.id, join(root, 'id'), ID, KIND),
        experiment: required(obj, root, 'experiment', 'an experiment', KIND),
        depths: list('depths', MAX_GRID_DEPTH),
        widths: list('widths', MAX_GRID_WIDTH),
        trials: number(required(obj, root, 'trials', 'a number of trials', KIND), join(root, 'trials'), { integer: true, min: 1, max: MAX_GRID_TRIALS }, KIND),
        ...files(obj, root),
      };
    }
    case 'cancel': {
      const obj = object(raw, root, ['type', 'id'], KIND);
      return { type, id: number(obj.id, join(root, 'id'), ID, KIND) };
    }
  }
}

function files(obj: Record<string, unknown>, root: string): { files?: Record<string, string> } {
  if (obj.files === undefined) return {};
  const path = join(root, 'files');
  if (!isObj(obj.files)) fail(path, `expected an object of file name → text, got ${describe(obj.files)}`, KIND);
  for (const [name, text] of Object.entries(obj.files)) string(text, join(path, name), KIND);
  return { files: obj.files as Record<string, string> };
}

// ───────────────────────────── events (worker → renderer)

export function parseCompareEvent(raw: unknown): CompareEvent {
  const root = 'event';
  const type = oneOf(isObj(raw) ? raw.type : raw, join(root, 'type'), ['plan', 'progress', 'run', 'table', 'cell', 'done', 'error'] as const, 'event type', KIND);
  const obj = raw as Record<string, unknown>;
  const id = number(obj.id, join(root, 'id'), ID, KIND);
  const count = (key: string): number => number(obj[key], join(root, key), COUNT, KIND);
  switch (type) {
    case 'plan': {
      const labels = array(obj.labels, join(root, 'labels'), 'an array of labels', KIND).map((l, i) => string(l, at(join(root, 'labels'), i), KIND));
      const runs = array(obj.runs, join(root, 'runs'), 'an array of runs', KIND).map((r, i) => {
        const path = at(join(root, 'runs'), i);
        const o = object(r, path, ['index', 'valueIndex', 'label', 'seed'], KIND);
        return {
          index: number(o.index, join(path, 'index'), COUNT, KIND),
          valueIndex: number(o.valueIndex, join(path, 'valueIndex'), { integer: true, min: 0, max: labels.length - 1 }, KIND),
          label: string(o.label, join(path, 'label'), KIND),
          seed: number(o.seed, join(path, 'seed'), COUNT, KIND),
        };
      });
      return { type, id, variable: string(obj.variable, join(root, 'variable'), KIND), labels, runs };
    }
    case 'progress':
      return { type, id, run: count('run'), step: count('step'), total: count('total'), done: count('done'), runs: count('runs') };
    case 'run':
      return { type, id, result: runResult(obj.result, join(root, 'result')) };
    case 'table': {
      const rows = array(obj.rows, join(root, 'rows'), 'an array of rows', KIND).map((r, i) => resultRow(r, at(join(root, 'rows'), i)));
      return { type, id, rows, csv: string(obj.csv, join(root, 'csv'), KIND) };
    }
    case 'cell': {
      const path = join(root, 'cell');
      const c = object(obj.cell, path, ['depth', 'width', 'trials', 'dead', 'probability', 'stderr'], KIND);
      const cell: GridCell = {
        depth: number(c.depth, join(path, 'depth'), { integer: true, min: 1 }, KIND),
        width: number(c.width, join(path, 'width'), { integer: true, min: 1 }, KIND),
        trials: number(c.trials, join(path, 'trials'), COUNT, KIND),
        dead: number(c.dead, join(path, 'dead'), COUNT, KIND),
        probability: number(c.probability, join(path, 'probability'), { min: 0, max: 1 }, KIND),
        stderr: number(c.stderr, join(path, 'stderr'), { min: 0 }, KIND),
      };
      return { type, id, cell, done: count('done'), cells: count('cells') };
    }
    case 'done':
      if (typeof obj.cancelled !== 'boolean') fail(join(root, 'cancelled'), `expected true or false, got ${describe(obj.cancelled)}`, KIND);
      return { type, id, cancelled: obj.cancelled };
    case 'error':
      return { type, id, message: string(obj.message, join(root, 'message'), KIND) };
  }
}

/** Any number: NaN and Infinity are legitimate in the records of a diverged run. */
function metric(value: unknown, path: string): number {
  if (typeof value !== 'number') fail(path, `expected a number, got ${describe(value)}`, KIND);
  return value;
}

function record(raw: unknown, path: string): MetricsRecord {
  if (!isObj(raw)) fail(path, `expected a metrics record, got ${describe(raw)}`, KIND);
  const layers = array(raw.layers, join(path, 'layers'), 'an array of layer records', KIND);
  layers.forEach((l, i) => {
    const lp = at(join(path, 'layers'), i);
    if (!isObj(l)) fail(lp, `expected a layer record, got ${describe(l)}`, KIND);
    for (const key of ['index', 'inactiveFraction', 'zeroFraction', 'deadCount', 'gradNorm', 'weightNorm']) metric(l[key], join(lp, key));
  });
  metric(raw.step, join(path, 'step'));
  metric(raw.loss, join(path, 'loss'));
  for (const key of ['accuracy', 'testLoss', 'testAccuracy']) if (raw[key] !== undefined) metric(raw[key], join(path, key));
  return raw as unknown as MetricsRecord;
}

function runResult(raw: unknown, path: string): RunResult {
  if (!isObj(raw)) fail(path, `expected a run result, got ${describe(raw)}`, KIND);
  for (const key of ['index', 'valueIndex', 'seed']) number(raw[key], join(path, key), COUNT, KIND);
  string(raw.label, join(path, 'label'), KIND);
  const records = array(raw.records, join(path, 'records'), 'an array of metrics records', KIND);
  records.forEach((r, i) => record(r, at(join(path, 'records'), i)));
  const summary = raw.summary;
  if (!isObj(summary)) fail(join(path, 'summary'), `expected a run summary, got ${describe(summary)}`, KIND);
  record(summary.final, join(path, 'summary.final'));
  metric(summary.seconds, join(path, 'summary.seconds'));
  const layers = array(summary.layers, join(path, 'summary.layers'), 'an array of layers', KIND);
  layers.forEach((l, i) => {
    if (!isObj(l)) fail(at(join(path, 'summary.layers'), i), 'expected a layer summary', KIND);
    number(l.units, join(at(join(path, 'summary.layers'), i), 'units'), { integer: true, min: 1 }, KIND);
  });
  const alphas = array(raw.finalAlpha, join(path, 'finalAlpha'), 'an array of numbers or nulls', KIND);
  alphas.forEach((a, i) => { if (a !== null) metric(a, at(join(path, 'finalAlpha'), i)); });
  return raw as unknown as RunResult;
}

function spreadOrNull(raw: unknown, path: string): Spread | null {
  if (raw === null) return null;
  const o = object(raw, path, ['mean', 'sd', 'n'], KIND);
  return { mean: metric(o.mean, join(path, 'mean')), sd: metric(o.sd, join(path, 'sd')), n: number(o.n, join(path, 'n'), COUNT, KIND) };
}

function resultRow(raw: unknown, path: string): ResultRow {
  const o = object(raw, path, ['valueIndex', 'label', 'runs', 'diverged', 'trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy', 'deadPerLayer', 'units', 'seconds'], KIND);
  const seconds = spreadOrNull(o.seconds, join(path, 'seconds'));
  if (!seconds) fail(join(path, 'seconds'), 'expected {mean, sd, n}', KIND);
  return {
    valueIndex: number(o.valueIndex, join(path, 'valueIndex'), COUNT, KIND),
    label: string(o.label, join(path, 'label'), KIND),
    runs: number(o.runs, join(path, 'runs'), COUNT, KIND),
    diverged: number(o.diverged, join(path, 'diverged'), COUNT, KIND),
    trainLoss: spreadOrNull(o.trainLoss, join(path, 'trainLoss')),
    trainAccuracy: spreadOrNull(o.trainAccuracy, join(path, 'trainAccuracy')),
    testLoss: spreadOrNull(o.testLoss, join(path, 'testLoss')),
    testAccuracy: spreadOrNull(o.testAccuracy, join(path, 'testAccuracy')),
    deadPerLayer: array(o.deadPerLayer, join(path, 'deadPerLayer'), 'an array', KIND).map((s, i) => spreadOrNull(s, at(join(path, 'deadPerLayer'), i)) ?? { mean: NaN, sd: NaN, n: 0 }),
    units: array(o.units, join(path, 'units'), 'an array', KIND).map((u, i) => number(u, at(join(path, 'units'), i), { integer: true, min: 1 }, KIND)),
    seconds,
  };
}
