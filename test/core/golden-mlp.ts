/**
 * The PyTorch reference MLPs (test/fixtures/mlp.json, see ../shared/golden/README.md)
 * and how to turn a case into our types: shared by every test that checks against them.
 */
import { readFileSync } from 'node:fs';
import { WEIGHTS_FORMAT } from '../../src/core/experiment/types';
import type { ActivationKind, InitKind, LossKind, NetworkSpec, OptimizerSpec, WeightsFile } from '../../src/core/experiment/types';
import type { Kernels } from '../../src/core/kernels/types';
import { Network } from '../../src/core/nn/network';

export type Matrix = number[][];
export interface GoldenLayer { weight: Matrix; bias: number[] }
export interface TrainingCase {
  optimizer: { kind: OptimizerSpec['kind'] } & Record<string, number | boolean | string>;
  steps: number;
  lossesBeforeEachStep: number[];
  lossAfter: number;
  weights: GoldenLayer[];
  prelu: Record<string, number>;
}
export interface MlpCase {
  id: string;
  init: InitKind;
  layers: { units: number; activation: ActivationKind | { kind: ActivationKind; alpha?: number } }[];
  loss: LossKind;
  x: Matrix;
  y: number[] | Matrix;
  weights: GoldenLayer[];
  prelu: Record<string, number>;
  output: Matrix;
  lossValue: number;
  grads: GoldenLayer[];
  preluGrads: Record<string, number>;
  hiddenStats: { layer: number; inactiveFraction: number; zeroFraction: number; deadNeurons: number[] }[];
  training: TrainingCase[];
}

export const golden = JSON.parse(readFileSync(new URL('../fixtures/mlp.json', import.meta.url), 'utf8')) as { cases: MlpCase[] };

export function specOf(c: MlpCase): NetworkSpec {
  return {
    inputs: c.x[0].length,
    layers: c.layers.map((l) => ({
      units: l.units,
      activation: typeof l.activation === 'string' ? { kind: l.activation } : l.activation,
      init: c.init,
      bias: null,
    })),
    loss: c.loss,
  };
}

export function weightsOf(layers: GoldenLayer[], prelu: Record<string, number>): WeightsFile {
  return {
    format: WEIGHTS_FORMAT,
    layers: layers.map((l, i) => (prelu[i] === undefined ? { ...l } : { ...l, alpha: prelu[i] })),
  };
}

/** The case's batch as the trainer hands it over: flat x, flat targets, class indices for cross-entropy. */
export function batchOf(c: MlpCase) {
  const x = Float32Array.from(c.x.flat());
  const classification = c.loss === 'softmax-cross-entropy';
  const labels = classification ? Int32Array.from(c.y as number[]) : null;
  const width = c.layers[c.layers.length - 1].units;
  const y = classification ? new Float32Array(c.x.length * width) : Float32Array.from((c.y as Matrix).flat());
  if (labels) labels.forEach((label, r) => { y[r * width + label] = 1; });
  return { x, y, labels, batch: c.x.length, width };
}

/** PyTorch's optimizer defaults for the fields a fixture leaves out. */
export function optimizerSpecOf(o: TrainingCase['optimizer']): OptimizerSpec {
  const num = (key: string, fallback: number): number => (typeof o[key] === 'number' ? (o[key] as number) : fallback);
  switch (o.kind) {
    case 'sgd':
      return { kind: 'sgd', lr: num('lr', 0.01), momentum: num('momentum', 0), nesterov: o.nesterov === true, weightDecay: num('weightDecay', 0) };
    case 'adam':
    case 'adamw':
      return { kind: o.kind, lr: num('lr', 0.001), beta1: num('beta1', 0.9), beta2: num('beta2', 0.999), eps: num('eps', 1e-8), weightDecay: num('weightDecay', o.kind === 'adamw' ? 0.01 : 0) };
    case 'rmsprop':
      return { kind: 'rmsprop', lr: num('lr', 0.01), rho: num('rho', num('alpha', 0.99)), eps: num('eps', 1e-8), weightDecay: num('weightDecay', 0) };
  }
}

/** A network with the case's architecture and initial weights. */
export function loadedNetwork(c: MlpCase, capacity = c.x.length, kernels?: Kernels): Network {
  const net = new Network(specOf(c), capacity, kernels);
  net.setWeights(weightsOf(c.weights, c.prelu));
  return net;
}
