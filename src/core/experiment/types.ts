/**
 * The experiment file format `relu-lab/experiment@1` (DESIGN §4, a contract).
 *
 * Users write files with many fields left out; `Experiment` is what
 * `parseExperiment` returns: every default filled in, so the rest of the core
 * never has to guess.
 */

export const EXPERIMENT_FORMAT = 'relu-lab/experiment@1';
export const WEIGHTS_FORMAT = 'relu-lab/weights@1';

export const ACTIVATION_KINDS = [
  'linear', 'relu', 'leaky-relu', 'prelu', 'elu', 'sigmoid', 'tanh',
  'relu6', 'gelu', 'silu', 'selu', 'softplus', 'mish',
] as const;
export type ActivationKind = (typeof ACTIVATION_KINDS)[number];

/** Activations whose `alpha` parameter is meaningful, with PyTorch's defaults. */
export const ACTIVATION_DEFAULT_ALPHA: Partial<Record<ActivationKind, number>> = {
  'leaky-relu': 0.01,
  prelu: 0.25,
  elu: 1.0,
};

/** A unit that is never positive is *dead* for these (zero gradient everywhere), *dormant* for the others. */
export const ZERO_GRADIENT_WHEN_INACTIVE: ReadonlySet<ActivationKind> = new Set(['relu', 'relu6']);

/** What the app calls a never-active unit (DESIGN §3): dead where it gets no gradient, dormant where it still learns. */
export function neverActiveWord(zeroGradientWhenInactive: boolean): 'dead' | 'dormant' {
  return zeroGradientWhenInactive ? 'dead' : 'dormant';
}

export interface ActivationSpec {
  kind: ActivationKind;
  /** leaky-relu slope, elu alpha, prelu initial alpha. Absent for the others. */
  alpha?: number;
}

export const INIT_KINDS = [
  'he-normal', 'he-uniform', 'xavier-normal', 'xavier-uniform', 'lecun-normal', 'torch-default', 'zeros',
] as const;
export type InitKind = (typeof INIT_KINDS)[number];

export const LOSS_KINDS = ['softmax-cross-entropy', 'mse', 'sigmoid-bce'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

export interface LayerSpec {
  units: number;
  activation: ActivationSpec;
  init: InitKind;
  /** Overrides the init scheme's bias (e.g. -100 to kill a layer). null: the scheme's own bias. */
  bias: number | null;
}

export interface NetworkSpec {
  inputs: number;
  /** Hidden layers and, last, the output layer. */
  layers: LayerSpec[];
  loss: LossKind;
}

export const SYNTHETIC_KINDS = ['spiral', 'circles', 'xor', 'gaussians', 'moons', 'sine'] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];
export const DATA_KINDS = [...SYNTHETIC_KINDS, 'mnist', 'csv', 'inline'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export interface SyntheticDataSpec {
  kind: SyntheticKind;
  samples: number;
  noise: number;
  /** Number of classes (spiral, gaussians); fixed at 2 for circles, xor, moons; unused for sine. */
  classes: number;
  testFraction: number;
}

export interface MnistDataSpec {
  kind: 'mnist';
  /** Total digits taken from the `mnist` package (train + test), balanced over the ten classes. */
  samples: number;
  testFraction: number;
}

export interface CsvDataSpec {
  kind: 'csv';
  /** Relative to the experiment file's folder (absolute: as is). The CLI reads it there; in the app main does, or asks the user (DESIGN §4). */
  path: string;
  /** Header name or 0-based column index of the label/target column. */
  labelColumn: string | number;
  testFraction: number;
}

export interface InlineDataSpec {
  kind: 'inline';
  x: number[][];
  /** Class indices for softmax-cross-entropy, number[][] targets for mse / sigmoid-bce. */
  y: number[] | number[][];
  testFraction: number;
}

export type DataSpec = SyntheticDataSpec | MnistDataSpec | CsvDataSpec | InlineDataSpec;

export type OptimizerSpec =
  | { kind: 'sgd'; lr: number; momentum: number; nesterov: boolean; weightDecay: number }
  | { kind: 'adam' | 'adamw'; lr: number; beta1: number; beta2: number; eps: number; weightDecay: number }
  | { kind: 'rmsprop'; lr: number; rho: number; eps: number; weightDecay: number };
export type OptimizerKind = OptimizerSpec['kind'];

export interface TrainingSpec {
  optimizer: OptimizerSpec;
  batchSize: number | 'full';
  epochs: number;
  /** Overrides epochs when a number. */
  steps: number | null;
  shuffle: boolean;
}

export interface MonitorSpec {
  /** A metrics record every `every` steps (CLI) — the app's frames come at most 30 a second. */
  every: number;
  /** Probe-set size, or 'train' for the whole training set. Default min(train size, 1024). */
  probe: number | 'train';
  bins: number;
}

export interface WeightsLayer {
  /** weight[out][in], PyTorch nn.Linear layout. */
  weight: number[][];
  bias: number[];
  /** Only for prelu layers: the layer's single learned slope. */
  alpha?: number;
}

export interface WeightsFile {
  format: typeof WEIGHTS_FORMAT;
  layers: WeightsLayer[];
}

export interface Experiment {
  format: typeof EXPERIMENT_FORMAT;
  name: string;
  seed: number;
  data: DataSpec;
  network: NetworkSpec;
  weights: WeightsFile | null;
  training: TrainingSpec;
  monitor: MonitorSpec;
}
