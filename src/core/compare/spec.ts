/**
 * What a comparison varies: one variable of a base experiment, 2–6 values,
 * and how many seeds each value is trained with. Specs cross the worker
 * boundary, so `parseCompareSpec` validates them with field-path messages.
 */
import {
  ACTIVATION_DEFAULT_ALPHA, ACTIVATION_KINDS, INIT_KINDS,
  type ActivationSpec, type InitKind,
} from '../experiment/types';
import { array, at, describe, fail, isObj, join, number, numberField, object, oneOf, required, type NumberRule } from '../experiment/fields';

export const MIN_VALUES = 2;
export const MAX_VALUES = 6;
export const MAX_SEEDS = 10;

export type CompareSpec =
  /** The activation of every hidden layer. */
  | { variable: 'activation'; values: ActivationSpec[]; seeds: number }
  /** The activation of one hidden layer (0-based). */
  | { variable: 'layer-activation'; layer: number; values: ActivationSpec[]; seeds: number }
  /** The init scheme of every layer (output included, so the whole network starts the same way). */
  | { variable: 'init'; values: InitKind[]; seeds: number }
  | { variable: 'lr'; values: number[]; seeds: number }
  /** The experiment seed itself: one run per value. */
  | { variable: 'seed'; values: number[]; seeds: 1 };

export type CompareVariable = CompareSpec['variable'];
export const COMPARE_VARIABLES: readonly CompareVariable[] = ['activation', 'layer-activation', 'init', 'lr', 'seed'];

const KIND = 'experiment';
const ROOT = 'comparison';
const SEED_RULE: NumberRule = { integer: true, min: 0, max: 4294967295 };

/** Validates a raw comparison spec; `hiddenLayers` bounds `layer`. */
export function parseCompareSpec(raw: unknown, hiddenLayers: number): CompareSpec {
  const obj = object(raw, ROOT, ['variable', 'layer', 'values', 'seeds'], KIND);
  const variable = oneOf(required(obj, ROOT, 'variable', COMPARE_VARIABLES.join(', '), KIND), join(ROOT, 'variable'), COMPARE_VARIABLES, 'comparison variable', KIND);
  const valuesPath = join(ROOT, 'values');
  const rawValues = array(required(obj, ROOT, 'values', `${MIN_VALUES}–${MAX_VALUES} values`, KIND), valuesPath, `an array of ${MIN_VALUES}–${MAX_VALUES} values`, KIND);
  if (rawValues.length < MIN_VALUES || rawValues.length > MAX_VALUES) {
    fail(valuesPath, `expected ${MIN_VALUES}–${MAX_VALUES} values, got ${rawValues.length}`, KIND);
  }
  const seeds = numberField(obj, ROOT, 'seeds', { integer: true, min: 1, max: MAX_SEEDS }, 1, KIND);
  if (variable !== 'layer-activation' && obj.layer !== undefined) fail(join(ROOT, 'layer'), `only for variable "layer-activation" (got variable "${variable}")`, KIND);

  switch (variable) {
    case 'activation':
      return { variable, values: rawValues.map((v, i) => parseActivationValue(v, at(valuesPath, i))), seeds };
    case 'layer-activation': {
      if (hiddenLayers === 0) fail(join(ROOT, 'layer'), 'the network has no hidden layer to vary', KIND);
      const layer = number(required(obj, ROOT, 'layer', 'a hidden layer index', KIND), join(ROOT, 'layer'), { integer: true, min: 0, max: hiddenLayers - 1 }, KIND);
      return { variable, layer, values: rawValues.map((v, i) => parseActivationValue(v, at(valuesPath, i))), seeds };
    }
    case 'init':
      return { variable, values: rawValues.map((v, i) => oneOf(v, at(valuesPath, i), INIT_KINDS, 'init', KIND)), seeds };
    case 'lr':
      return { variable, values: rawValues.map((v, i) => number(v, at(valuesPath, i), { above: 0 }, KIND)), seeds };
    case 'seed':
      if (seeds !== 1) fail(join(ROOT, 'seeds'), `expected 1 when the variable is the seed itself, got ${seeds}`, KIND);
      return { variable, values: rawValues.map((v, i) => number(v, at(valuesPath, i), SEED_RULE, KIND)), seeds: 1 };
  }
}

/** An activation name or {kind, alpha?}, as in experiment files. */
function parseActivationValue(raw: unknown, path: string): ActivationSpec {
  if (typeof raw === 'string') return withDefaultAlpha(oneOf(raw, path, ACTIVATION_KINDS, 'activation', KIND));
  if (!isObj(raw)) fail(path, `expected an activation name or {kind, alpha?}, got ${describe(raw)}`, KIND);
  const obj = object(raw, path, ['kind', 'alpha'], KIND);
  const spec = withDefaultAlpha(oneOf(required(obj, path, 'kind', ACTIVATION_KINDS.join(', '), KIND), join(path, 'kind'), ACTIVATION_KINDS, 'activation', KIND));
  if (obj.alpha !== undefined) {
    if (spec.alpha === undefined) fail(join(path, 'alpha'), `not allowed for ${spec.kind}`, KIND);
    spec.alpha = number(obj.alpha, join(path, 'alpha'), { min: 0 }, KIND);
  }
  return spec;
}

function withDefaultAlpha(kind: ActivationSpec['kind']): ActivationSpec {
  const alpha = ACTIVATION_DEFAULT_ALPHA[kind];
  return alpha === undefined ? { kind } : { kind, alpha };
}

/** Short label of a value, as the legend and the table show it. */
export function valueLabel(spec: CompareSpec, index: number): string {
  switch (spec.variable) {
    case 'activation':
    case 'layer-activation':
      return activationLabel(spec.values[index]);
    case 'init':
      return spec.values[index];
    case 'lr':
      return `lr ${spec.values[index]}`;
    case 'seed':
      return `seed ${spec.values[index]}`;
  }
}

export function activationLabel(a: ActivationSpec): string {
  return a.alpha === undefined || a.alpha === ACTIVATION_DEFAULT_ALPHA[a.kind] ? a.kind : `${a.kind} α=${a.alpha}`;
}
