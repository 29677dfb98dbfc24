/**
 * `relu-lab/experiment@1` files (DESIGN §4): validation with field-path
 * messages, defaults, and a stable serialization that parses back to the
 * same Experiment.
 */
import {
  ACTIVATION_DEFAULT_ALPHA, ACTIVATION_KINDS, DATA_KINDS, EXPERIMENT_FORMAT, INIT_KINDS, LOSS_KINDS, SYNTHETIC_KINDS,
  type ActivationSpec, type DataKind, type DataSpec, type Experiment, type LayerSpec, type MonitorSpec,
  type NetworkSpec, type OptimizerKind, type OptimizerSpec, type SyntheticKind, type TrainingSpec,
} from './types';
import {
  array, at, boolean, describe, fail, isObj, join, number, numberField, numberRows, numbers, object, oneOf,
  numberExpectation, required, requiredNumber, satisfies, string, type NumberRule, type Obj,
} from './fields';
import { DEFAULT_NAME, DEFAULT_SEED, MONITOR_DEFAULTS, TRAINING_DEFAULTS, dataDefaults, optimizerDefaults } from './defaults';
import { parseJson } from './json';
import { prettyJson } from './prettyJson';
import { parseWeights } from '../weights/format';
import { LIMITS, checkParameterBudget } from './limits';

const KIND = 'experiment';
const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'adam', 'adamw', 'rmsprop'];
const TOP_FIELDS = ['format', 'name', 'seed', 'data', 'network', 'weights', 'training', 'monitor'];

const SEED_RULE: NumberRule = { integer: true, min: 0, max: 4294967295 };
const COUNT_RULE: NumberRule = { integer: true, min: 1 };
const FRACTION_RULE: NumberRule = { min: 0, below: 1 };
const NON_NEGATIVE: NumberRule = { min: 0 };

/** Validates a raw JSON value and returns the experiment with every default filled in. */
export function parseExperiment(raw: unknown): Experiment {
  const root = object(raw, '', TOP_FIELDS, KIND);
  const format = required(root, '', 'format', `"${EXPERIMENT_FORMAT}"`, KIND);
  if (format !== EXPERIMENT_FORMAT) fail('format', `expected "${EXPERIMENT_FORMAT}", got ${describe(format)}`, KIND);

  const network = parseNetwork(required(root, '', 'network', 'an object with inputs, layers and loss', KIND));
  const weights = root.weights === undefined || root.weights === null ? null : parseWeights(root.weights, network);
  return {
    format: EXPERIMENT_FORMAT,
    name: root.name === undefined ? DEFAULT_NAME : string(root.name, 'name', KIND),
    seed: numberField(root, '', 'seed', SEED_RULE, DEFAULT_SEED, KIND),
    data: parseData(required(root, '', 'data', 'an object with a kind', KIND)),
    network,
    weights,
    training: parseTraining(required(root, '', 'training', 'an object with an optimizer', KIND)),
    monitor: parseMonitor(root.monitor),
  };
}

/** Parses the text of a `.relu.json` file; `source` (a file name) is added to JSON syntax errors. */
export function parseExperimentText(text: string, source?: string): Experiment {
  return parseExperiment(parseJson(text, KIND, source));
}

function parseData(raw: unknown): DataSpec {
  const path = 'data';
  const kindValue = isObj(raw) ? raw.kind : undefined;
  if (isObj(raw) && kindValue === undefined) fail('data.kind', `missing (expected one of: ${DATA_KINDS.join(', ')})`, KIND);
  const kind: DataKind = isObj(raw) ? oneOf(kindValue, 'data.kind', DATA_KINDS, 'data kind', KIND) : 'spiral';
  const d = dataDefaults(kind);
  const samplesRule: NumberRule = { integer: true, min: kind === 'mnist' ? 10 : 2, max: LIMITS.samples };

  if ((SYNTHETIC_KINDS as readonly string[]).includes(kind)) {
    const obj = object(raw, path, ['kind', 'samples', 'noise', 'classes', 'testFraction'], KIND);
    return {
      kind: kind as SyntheticKind,
      samples: numberField(obj, path, 'samples', samplesRule, d.samples, KIND),
      noise: numberField(obj, path, 'noise', { min: 0, max: LIMITS.noise }, d.noise, KIND),
      classes: parseClasses(obj, kind as SyntheticKind, d.classes),
      testFraction: numberField(obj, path, 'testFraction', FRACTION_RULE, d.testFraction, KIND),
    };
  }
  if (kind === 'mnist') {
    const obj = object(raw, path, ['kind', 'samples', 'testFraction'], KIND);
    return {
      kind,
      samples: numberField(obj, path, 'samples', samplesRule, d.samples, KIND),
      testFraction: numberField(obj, path, 'testFraction', FRACTION_RULE, d.testFraction, KIND),
    };
  }
  if (kind === 'csv') {
    const obj = object(raw, path, ['kind', 'path', 'labelColumn', 'testFraction'], KIND);
    const file = string(required(obj, path, 'path', 'the CSV file name', KIND), 'data.path', KIND, true);
    const label = required(obj, path, 'labelColumn', 'a column name or 0-based column index', KIND);
    if (typeof label !== 'string' && !(typeof label === 'number' && Number.isInteger(label) && label >= 0)) {
      fail('data.labelColumn', `expected a column name or a 0-based column index, got ${describe(label)}`, KIND);
    }
    if (typeof label === 'string' && label.trim() === '') fail('data.labelColumn', 'expected a column name, got an empty string', KIND);
    return { kind, path: file, labelColumn: label, testFraction: numberField(obj, path, 'testFraction', FRACTION_RULE, d.testFraction, KIND) };
  }
  const obj = object(raw, path, ['kind', 'x', 'y', 'testFraction'], KIND);
  const x = numberRows(required(obj, path, 'x', 'an array of input rows', KIND), 'data.x', KIND);
  if (x.length > LIMITS.samples) fail('data.x', `expected at most ${LIMITS.samples} rows, got ${x.length}`, KIND);
  const rawY = array(required(obj, path, 'y', 'class indices or target rows', KIND), 'data.y', 'an array (class indices or target rows)', KIND);
  // Shapes against x and the network are the loader's job; here only the JSON types.
  const y = rawY.length > 0 && Array.isArray(rawY[0]) ? numberRows(rawY, 'data.y', KIND) : numbers(rawY, 'data.y', KIND);
  return { kind: 'inline', x, y, testFraction: numberField(obj, path, 'testFraction', FRACTION_RULE, d.testFraction, KIND) };
}

function parseClasses(obj: Obj, kind: SyntheticKind, fallback: number): number {
  if (obj.classes === undefined) return fallback;
  const path = 'data.classes';
  if (kind === 'sine') {
    // 0 is what a defaulted sine spec holds, so a plain JSON.stringify of an Experiment still loads.
    if (obj.classes !== 0) fail(path, `sine is a regression data set: leave classes out (got ${describe(obj.classes)})`, KIND);
    return 0;
  }
  if (kind === 'circles' || kind === 'xor' || kind === 'moons') {
    if (obj.classes !== 2) fail(path, `${kind} always has 2 classes, got ${describe(obj.classes)}`, KIND);
    return 2;
  }
  return number(obj.classes, path, { integer: true, min: 2, max: 100 }, KIND);
}

function parseNetwork(raw: unknown): NetworkSpec {
  const path = 'network';
  const obj = object(raw, path, ['inputs', 'layers', 'loss'], KIND);
  const inputs = requiredNumber(obj, path, 'inputs', { integer: true, min: 1, max: LIMITS.units }, KIND);
  const layersValue = required(obj, path, 'layers', 'an array of layers, the output layer last', KIND);
  const rawLayers = array(layersValue, 'network.layers', 'an array of layers, the output layer last', KIND);
  if (rawLayers.length === 0) fail('network.layers', 'expected at least one layer (the output layer)', KIND);
  if (rawLayers.length > LIMITS.layers) fail('network.layers', `expected at most ${LIMITS.layers} layers, got ${rawLayers.length}`, KIND);
  const layers = rawLayers.map((l, i) => parseLayer(l, at('network.layers', i)));
  const loss = oneOf(required(obj, path, 'loss', `one of: ${LOSS_KINDS.join(', ')}`, KIND), 'network.loss', LOSS_KINDS, 'loss', KIND);
  const network = { inputs, layers, loss };
  checkParameterBudget(network);
  return network;
}

function parseLayer(raw: unknown, path: string): LayerSpec {
  const obj = object(raw, path, ['units', 'activation', 'init', 'bias'], KIND);
  const units = requiredNumber(obj, path, 'units', { integer: true, min: 1, max: LIMITS.units }, KIND);
  const activation = parseActivation(required(obj, path, 'activation', `an activation (one of: ${ACTIVATION_KINDS.join(', ')})`, KIND), join(path, 'activation'));
  const init = obj.init === undefined ? 'torch-default' : oneOf(obj.init, join(path, 'init'), INIT_KINDS, 'init', KIND);
  const bias = obj.bias === undefined || obj.bias === null ? null : number(obj.bias, join(path, 'bias'), {}, KIND);
  return { units, activation, init, bias };
}

function parseActivation(raw: unknown, path: string): ActivationSpec {
  if (typeof raw === 'string') return withDefaultAlpha(oneOf(raw, path, ACTIVATION_KINDS, 'activation', KIND));
  if (!isObj(raw)) fail(path, `expected an activation name or {kind, alpha?}, got ${describe(raw)}`, KIND);
  const obj = object(raw, path, ['kind', 'alpha'], KIND);
  const kind = oneOf(required(obj, path, 'kind', `one of: ${ACTIVATION_KINDS.join(', ')}`, KIND), join(path, 'kind'), ACTIVATION_KINDS, 'activation', KIND);
  const spec = withDefaultAlpha(kind);
  if (obj.alpha !== undefined) {
    if (spec.alpha === undefined) {
      fail(join(path, 'alpha'), `not allowed for ${kind} (only ${Object.keys(ACTIVATION_DEFAULT_ALPHA).join(', ')} have alpha)`, KIND);
    }
    spec.alpha = number(obj.alpha, join(path, 'alpha'), NON_NEGATIVE, KIND);
  }
  return spec;
}

function withDefaultAlpha(kind: ActivationSpec['kind']): ActivationSpec {
  const alpha = ACTIVATION_DEFAULT_ALPHA[kind];
  return alpha === undefined ? { kind } : { kind, alpha };
}

function parseTraining(raw: unknown): TrainingSpec {
  const path = 'training';
  const obj = object(raw, path, ['optimizer', 'batchSize', 'epochs', 'steps', 'shuffle'], KIND);
  const optimizer = parseOptimizer(required(obj, path, 'optimizer', 'an object with kind and lr', KIND));
  const batchSize = obj.batchSize === undefined ? TRAINING_DEFAULTS.batchSize : parseBatchSize(obj.batchSize);
  const steps = obj.steps === undefined || obj.steps === null ? null : numberOr(obj.steps, 'training.steps', { integer: true, min: 1, max: LIMITS.steps }, 'null');
  return {
    optimizer,
    batchSize,
    epochs: numberField(obj, path, 'epochs', { integer: true, min: 1, max: LIMITS.epochs }, TRAINING_DEFAULTS.epochs, KIND),
    steps,
    shuffle: obj.shuffle === undefined ? TRAINING_DEFAULTS.shuffle : boolean(obj.shuffle, 'training.shuffle', KIND),
  };
}

// The fields a run also takes live (liveParams.ts), exported so that a `set`
// is checked by the very rules a file is.

/** `training.batchSize`: a count or "full". */
export function parseBatchSize(value: unknown): number | 'full' {
  return value === 'full' ? 'full' : numberOr(value, 'training.batchSize', COUNT_RULE, '"full"');
}

/** `training.optimizer.lr` (torch.optim's own check). */
export function parseLearningRate(value: unknown): number {
  return number(value, 'training.optimizer.lr', NON_NEGATIVE, KIND);
}

/** `training.optimizer.weightDecay` (torch.optim's own check). */
export function parseWeightDecay(value: unknown): number {
  return number(value, 'training.optimizer.weightDecay', NON_NEGATIVE, KIND);
}

/** A number field that also accepts one keyword; the message offers both. */
function numberOr(value: unknown, path: string, rule: NumberRule, alternative: string): number {
  if (!satisfies(value, rule)) fail(path, `expected ${numberExpectation(rule)} or ${alternative}, got ${describe(value)}`, KIND);
  return value;
}

const OPTIMIZER_FIELDS: Record<OptimizerKind, readonly string[]> = {
  sgd: ['kind', 'lr', 'momentum', 'nesterov', 'weightDecay'],
  adam: ['kind', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
  adamw: ['kind', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
  rmsprop: ['kind', 'lr', 'rho', 'eps', 'weightDecay'],
};

/** `training.optimizer`; ranges are torch.optim's own argument checks. */
export function parseOptimizer(raw: unknown): OptimizerSpec {
  const path = 'training.optimizer';
  const kindValue = isObj(raw) ? raw.kind : undefined;
  if (isObj(raw) && kindValue === undefined) fail(join(path, 'kind'), `missing (expected one of: ${OPTIMIZER_KINDS.join(', ')})`, KIND);
  const kind = isObj(raw) ? oneOf(kindValue, join(path, 'kind'), OPTIMIZER_KINDS, 'optimizer', KIND) : 'sgd';
  const obj = object(raw, path, OPTIMIZER_FIELDS[kind], KIND);
  const lr = parseLearningRate(required(obj, path, 'lr', numberExpectation(NON_NEGATIVE), KIND));
  const spec = optimizerDefaults(kind, lr);
  const num = (key: string, rule: NumberRule, fallback: number): number => numberField(obj, path, key, rule, fallback, KIND);
  const decay = (): number => (obj.weightDecay === undefined ? spec.weightDecay : parseWeightDecay(obj.weightDecay));
  switch (spec.kind) {
    case 'sgd': {
      spec.momentum = num('momentum', NON_NEGATIVE, spec.momentum);
      spec.nesterov = obj.nesterov === undefined ? spec.nesterov : boolean(obj.nesterov, join(path, 'nesterov'), KIND);
      spec.weightDecay = decay();
      if (spec.nesterov && spec.momentum <= 0) {
        fail(join(path, 'nesterov'), 'nesterov needs momentum > 0 (PyTorch rule): set momentum or nesterov: false', KIND);
      }
      return spec;
    }
    case 'adam':
    case 'adamw':
      spec.beta1 = num('beta1', { min: 0, below: 1 }, spec.beta1);
      spec.beta2 = num('beta2', { min: 0, below: 1 }, spec.beta2);
      spec.eps = num('eps', NON_NEGATIVE, spec.eps);
      spec.weightDecay = decay();
      return spec;
    case 'rmsprop':
      spec.rho = num('rho', NON_NEGATIVE, spec.rho);
      spec.eps = num('eps', NON_NEGATIVE, spec.eps);
      spec.weightDecay = decay();
      return spec;
  }
}

function parseMonitor(raw: unknown): MonitorSpec {
  if (raw === undefined) return { ...MONITOR_DEFAULTS };
  const path = 'monitor';
  const obj = object(raw, path, ['every', 'probe', 'bins'], KIND);
  return {
    every: numberField(obj, path, 'every', COUNT_RULE, MONITOR_DEFAULTS.every, KIND),
    probe: obj.probe === undefined ? MONITOR_DEFAULTS.probe
      : obj.probe === 'train' ? 'train'
      : numberOr(obj.probe, 'monitor.probe', COUNT_RULE, '"train"'),
    bins: numberField(obj, path, 'bins', { integer: true, min: 1, max: 10_000 }, MONITOR_DEFAULTS.bins, KIND),
  };
}

/**
 * Pretty JSON in a fixed key order; activations with their default alpha
 * are written as plain names. parseExperiment(JSON.parse(s)) equals `e`.
 */
export function serializeExperiment(e: Experiment): string {
  return prettyJson({
    format: EXPERIMENT_FORMAT,
    name: e.name,
    seed: e.seed,
    data: dataForFile(e.data),
    network: {
      inputs: e.network.inputs,
      layers: e.network.layers.map((l) => ({ units: l.units, activation: activationForFile(l.activation), init: l.init, bias: l.bias })),
      loss: e.network.loss,
    },
    weights: e.weights === null ? null : JSON.parse(JSON.stringify({ format: e.weights.format, layers: e.weights.layers.map((l) => ({ weight: l.weight, bias: l.bias, alpha: l.alpha })) })),
    training: {
      optimizer: optimizerForFile(e.training.optimizer),
      batchSize: e.training.batchSize,
      epochs: e.training.epochs,
      steps: e.training.steps,
      shuffle: e.training.shuffle,
    },
    monitor: { every: e.monitor.every, probe: e.monitor.probe, bins: e.monitor.bins },
  });
}

function dataForFile(d: DataSpec): object {
  switch (d.kind) {
    case 'mnist':
      return { kind: d.kind, samples: d.samples, testFraction: d.testFraction };
    case 'csv':
      return { kind: d.kind, path: d.path, labelColumn: d.labelColumn, testFraction: d.testFraction };
    case 'inline':
      return { kind: d.kind, x: d.x, y: d.y, testFraction: d.testFraction };
    case 'sine':
      return { kind: d.kind, samples: d.samples, noise: d.noise, testFraction: d.testFraction };
    default:
      return { kind: d.kind, samples: d.samples, noise: d.noise, classes: d.classes, testFraction: d.testFraction };
  }
}

function activationForFile(a: ActivationSpec): string | ActivationSpec {
  return a.alpha === undefined || a.alpha === ACTIVATION_DEFAULT_ALPHA[a.kind] ? a.kind : { kind: a.kind, alpha: a.alpha };
}

function optimizerForFile(o: OptimizerSpec): object {
  switch (o.kind) {
    case 'sgd':
      return { kind: o.kind, lr: o.lr, momentum: o.momentum, nesterov: o.nesterov, weightDecay: o.weightDecay };
    case 'adam':
    case 'adamw':
      return { kind: o.kind, lr: o.lr, beta1: o.beta1, beta2: o.beta2, eps: o.eps, weightDecay: o.weightDecay };
    case 'rmsprop':
      return { kind: o.kind, lr: o.lr, rho: o.rho, eps: o.eps, weightDecay: o.weightDecay };
  }
}

export { defaultExperiment } from './defaults';
