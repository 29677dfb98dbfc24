/**
 * Validation of a run folder's files (DESIGN §4, rundir@1). Unknown fields
 * are ignored (newer writers may add some); anything else that is not as
 * the contract says is refused with a message naming the field and what was
 * expected. Callers add the file and line.
 */
import { ACTIVATION_KINDS } from '../experiment/types';
import { describe } from '../experiment/fields';
import type { Histogram } from '../protocol/messages';
import { RUNDIR_FORMAT, UNIT_KINDS, type RunActivation, type RunInfo, type RunLayerInfo, type UnitKind } from './format';
import type { RecordLayer, RecordUnits, RunRecord } from './records';

/** A field of a run file that is not as the contract says; `path` is the field (`layers[1].units`). */
export class RunFieldError extends Error {
  constructor(readonly path: string, readonly expected: string) {
    super(path ? `${path}: ${expected}` : expected);
    this.name = 'RunFieldError';
  }
}

type Obj = Record<string, unknown>;

const EXPERIMENT_FORMAT_PREFIX = 'relu-lab/';
const layerCountSource = "run.json's layers or the first record";

function fail(path: string, expected: string): never {
  throw new RunFieldError(path, expected);
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected an object, got ${describe(value)}`);
  return value as Obj;
}

function num(o: Obj, path: string, key: string, min = -Infinity, max = Infinity): number {
  const v = o[key];
  if (typeof v !== 'number' || !(v >= min && v <= max)) fail(join(path, key), `expected a number${range(min, max)}, got ${describe(v)}`);
  return v;
}

function int(o: Obj, path: string, key: string, min = 0): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(join(path, key), `expected an integer ≥ ${min}, got ${describe(v)}`);
  return v;
}

/** A number, or null/absent (→ null). */
function numOrNull(o: Obj, path: string, key: string, min = -Infinity): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !(v >= min)) fail(join(path, key), `expected a number${range(min, Infinity)} or null, got ${describe(v)}`);
  return v;
}

function bool(o: Obj, path: string, key: string): boolean {
  const v = o[key];
  if (v === undefined) return false;
  if (typeof v !== 'boolean') fail(join(path, key), `expected true or false, got ${describe(v)}`);
  return v;
}

function str(o: Obj, path: string, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) fail(join(path, key), `expected a non-empty string, got ${describe(v)}`);
  return v;
}

function arr(o: Obj, path: string, key: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(join(path, key), `expected an array, got ${describe(v)}`);
  return v;
}

function range(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` from ${min} to ${max}`;
  if (min > -Infinity) return ` ≥ ${min}`;
  return '';
}

/** JSON.parse with the position turned into a short reason. */
export function parseJsonLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    fail('', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

// ───────────────────────────── run.json

function activation(value: unknown, path: string): RunActivation {
  if (typeof value === 'string' && ((ACTIVATION_KINDS as readonly string[]).includes(value) || /^other:.+/.test(value))) return value as RunActivation;
  fail(path, `expected one of ${ACTIVATION_KINDS.join(', ')} or "other:<ClassName>", got ${describe(value)}`);
}

function layerInfo(value: unknown, path: string, index: number): RunLayerInfo {
  const o = obj(value, path);
  const i = int(o, path, 'index');
  if (i !== index) fail(join(path, 'index'), `expected ${index} (the layer's position in the list), got ${i}`);
  const unit = o.unit ?? 'feature';
  if (!(UNIT_KINDS as readonly unknown[]).includes(unit)) fail(join(path, 'unit'), `expected one of ${UNIT_KINDS.join(', ')}, got ${describe(unit)}`);
  return {
    index,
    name: str(o, path, 'name'),
    activation: activation(o.activation, join(path, 'activation')),
    units: int(o, path, 'units', 1),
    unit: unit as UnitKind,
    zeroGradientWhenInactive: bool(o, path, 'zeroGradientWhenInactive'),
  };
}

/** Validates run.json's parsed value. A file of another relu-lab format gets a message that says which. */
export function parseRunInfo(raw: unknown): RunInfo {
  const o = obj(raw, '');
  const format = o.format;
  if (format !== RUNDIR_FORMAT) {
    const other = typeof format === 'string' && format.startsWith(EXPERIMENT_FORMAT_PREFIX) ? ` (a ${format} file, not a run folder's run.json)` : '';
    fail('format', `expected "${RUNDIR_FORMAT}", got ${describe(format)}${other}`);
  }
  const source = obj(o.source, 'source');
  const kind = source.kind;
  if (kind !== 'pytorch' && kind !== 'relu-lab') fail('source.kind', `expected "pytorch" or "relu-lab", got ${describe(kind)}`);
  const monitor = obj(o.monitor, 'monitor');
  const layers = arr(o, '', 'layers').map((l, i) => layerInfo(l, `layers[${i}]`, i));
  return {
    format: RUNDIR_FORMAT,
    name: str(o, '', 'name'),
    created: str(o, '', 'created'),
    source: {
      kind,
      version: str(source, 'source', 'version'),
      ...(typeof source.writer === 'string' ? { writer: source.writer } : {}),
    },
    ...(o.experiment !== undefined && o.experiment !== null ? { experiment: o.experiment } : {}),
    monitor: { every: int(monitor, 'monitor', 'every', 1), probe: int(monitor, 'monitor', 'probe', 0), bins: int(monitor, 'monitor', 'bins', 1) },
    layers,
  };
}

// ───────────────────────────── metrics.jsonl

/**
 * A metrics line's record (units: null). `layerCount` is what run.json
 * (or the first record) said: a line with another count is refused.
 */
export function parseMetricsLine(raw: unknown, layerCount: number | null): RunRecord {
  const o = obj(raw, '');
  const rawLayers = arr(o, '', 'layers');
  if (layerCount !== null && rawLayers.length !== layerCount) {
    fail('layers', `expected ${layerCount} layers (as ${layerCountSource}), got ${rawLayers.length}`);
  }
  const layers: RecordLayer[] = rawLayers.map((value, index) => {
    const path = `layers[${index}]`;
    const l = obj(value, path);
    const i = int(l, path, 'index');
    if (i !== index) fail(join(path, 'index'), `expected ${index}, got ${i}`);
    return {
      index,
      inactiveFraction: num(l, path, 'inactiveFraction', 0, 1),
      zeroFraction: num(l, path, 'zeroFraction', 0, 1),
      deadCount: int(l, path, 'deadCount'),
      gradNorm: numOrNull(l, path, 'gradNorm', 0),
      weightNorm: numOrNull(l, path, 'weightNorm', 0),
    };
  });
  const optional = (key: string, min = -Infinity): number | null => (o[key] === undefined ? null : numOrNull(o, '', key, min));
  return {
    step: int(o, '', 'step'),
    epoch: numOrNull(o, '', 'epoch', 0),
    loss: numOrNull(o, '', 'loss'),
    accuracy: optional('accuracy', 0),
    testLoss: optional('testLoss'),
    testAccuracy: optional('testAccuracy', 0),
    nonFinite: bool(o, '', 'nonFinite'),
    final: bool(o, '', 'final'),
    layers,
    units: null,
  };
}

// ───────────────────────────── units.jsonl

function histogram(value: unknown, path: string, bins: number | null): Histogram {
  const o = obj(value, path);
  const min = num(o, path, 'min');
  const max = num(o, path, 'max');
  if (max < min) fail(join(path, 'max'), `expected a number ≥ min (${min}), got ${max}`);
  const raw = arr(o, path, 'counts');
  if (raw.length === 0) fail(join(path, 'counts'), 'expected at least one bin, got an empty array');
  if (bins !== null && raw.length !== bins) fail(join(path, 'counts'), `expected ${bins} bins (monitor.bins in run.json), got ${raw.length}`);
  const counts = new Uint32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 0xffffffff) fail(`${path}.counts[${i}]`, `expected a count (an integer ≥ 0), got ${describe(c)}`);
    counts[i] = c;
  }
  return { counts, min, max };
}

function rates(value: unknown, path: string, units: number | null): Float32Array {
  if (!Array.isArray(value)) fail(path, `expected an array of rates, got ${describe(value)}`);
  if (units !== null && value.length !== units) fail(path, `expected ${units} rates (the layer's units in run.json), got ${value.length}`);
  const out = new Float32Array(value.length);
  for (let u = 0; u < value.length; u++) {
    const r = value[u];
    if (typeof r !== 'number' || !(r >= 0 && r <= 1)) fail(`${path}[${u}]`, `expected a rate from 0 to 1, got ${describe(r)}`);
    out[u] = r;
  }
  return out;
}

function alpha(value: unknown, path: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return (value as number[]).reduce((a, b) => a + b, 0) / value.length;
  }
  fail(path, `expected a number or an array of numbers, got ${describe(value)}`);
}

/**
 * A units line: its step and each layer's units. `units[l]` is layer l's
 * width where known (0: not known); `bins`, every histogram's bin count
 * where known.
 */
export function parseUnitsLine(raw: unknown, units: readonly number[] | null, bins: number | null = null): { step: number; layers: RecordUnits[] } {
  const o = obj(raw, '');
  const step = int(o, '', 'step');
  const rawLayers = arr(o, '', 'layers');
  if (units !== null && rawLayers.length !== units.length) fail('layers', `expected ${units.length} layers (as ${layerCountSource}), got ${rawLayers.length}`);
  const layers = rawLayers.map((value, index): RecordUnits => {
    const path = `layers[${index}]`;
    const l = obj(value, path);
    const i = int(l, path, 'index');
    if (i !== index) fail(join(path, 'index'), `expected ${index}, got ${i}`);
    return {
      activationRate: rates(l.activationRate, join(path, 'activationRate'), units && units[index] > 0 ? units[index] : null),
      preHist: histogram(l.preHist, join(path, 'preHist'), bins),
      postHist: histogram(l.postHist, join(path, 'postHist'), bins),
      gradHist: l.gradHist === undefined || l.gradHist === null ? null : histogram(l.gradHist, join(path, 'gradHist'), bins),
      alpha: alpha(l.alpha, join(path, 'alpha')),
    };
  });
  return { step, layers };
}
