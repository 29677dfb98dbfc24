/**
 * Default values of the experiment format: what a field means when a file
 * leaves it out. PyTorch's defaults wherever PyTorch has one.
 */
import type { DataKind, Experiment, OptimizerKind, OptimizerSpec } from './types';
import { EXPERIMENT_FORMAT } from './types';

export const DEFAULT_NAME = 'Untitled experiment';
export const DEFAULT_SEED = 1;

export interface DataDefaults {
  samples: number;
  noise: number;
  classes: number;
  testFraction: number;
}

/** `classes` 0 means regression (sine); circles, xor and moons always have 2. */
export function dataDefaults(kind: DataKind): DataDefaults {
  switch (kind) {
    case 'spiral':
    case 'gaussians':
      return { samples: 600, noise: 0.1, classes: 3, testFraction: 0.2 };
    case 'circles':
    case 'xor':
    case 'moons':
      return { samples: 600, noise: 0.1, classes: 2, testFraction: 0.2 };
    case 'sine':
      return { samples: 400, noise: 0.05, classes: 0, testFraction: 0.2 };
    case 'mnist':
      return { samples: 2000, noise: 0, classes: 10, testFraction: 0.2 };
    case 'csv':
      return { samples: 0, noise: 0, classes: 0, testFraction: 0.2 };
    case 'inline':
      // Inline data is usually a handful of hand-written points: all of them train.
      return { samples: 0, noise: 0, classes: 0, testFraction: 0 };
  }
}

/** torch.optim defaults, given the (required) learning rate. */
export function optimizerDefaults(kind: OptimizerKind, lr: number): OptimizerSpec {
  switch (kind) {
    case 'sgd':
      return { kind, lr, momentum: 0, nesterov: false, weightDecay: 0 };
    case 'adam':
      return { kind, lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
    case 'adamw':
      return { kind, lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
    case 'rmsprop':
      return { kind, lr, rho: 0.99, eps: 1e-8, weightDecay: 0 };
  }
}

export const TRAINING_DEFAULTS = { batchSize: 32, epochs: 20, steps: null, shuffle: true } as const;

/** probe 1024 stands for min(training size, 1024): the trainer clamps it. */
export const MONITOR_DEFAULTS = { every: 10, probe: 1024, bins: 40 } as const;

/** The network a new document starts with: small enough to train in seconds, deep enough to show dying units. */
export function defaultExperiment(): Experiment {
  return {
    format: EXPERIMENT_FORMAT,
    name: DEFAULT_NAME,
    seed: DEFAULT_SEED,
    data: { kind: 'spiral', samples: 600, noise: 0.1, classes: 3, testFraction: 0.2 },
    network: {
      inputs: 2,
      layers: [
        { units: 8, activation: { kind: 'relu' }, init: 'he-normal', bias: null },
        { units: 8, activation: { kind: 'relu' }, init: 'he-normal', bias: null },
        { units: 3, activation: { kind: 'linear' }, init: 'he-normal', bias: null },
      ],
      loss: 'softmax-cross-entropy',
    },
    weights: null,
    // Longer than the file format's default: the app's first run should last long enough to be watched.
    training: { optimizer: optimizerDefaults('sgd', 0.1), ...TRAINING_DEFAULTS, epochs: 200 },
    monitor: { ...MONITOR_DEFAULTS },
  };
}
