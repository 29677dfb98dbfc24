/**
 * The born-dead odds over a depth × width grid (Lu et al. 2019): the same
 * Monte Carlo estimate as `relu-lab born-dead`, for copies of the experiment
 * whose hidden layers are all like its first hidden layer, `depth` of them,
 * `width` units each.
 */
import type { Dataset } from '../data/types';
import type { Experiment } from '../experiment/types';
import { BornDeadEstimator, type BornDeadResult } from '../train/born-dead';

export interface GridCell extends BornDeadResult {
  depth: number;
  width: number;
}

export const MAX_GRID_DEPTH = 64;
export const MAX_GRID_WIDTH = 1024;

/** The experiment reshaped to `depth` hidden layers of `width` units; the output layer is kept. */
export function reshapeHidden(e: Experiment, depth: number, width: number): Experiment {
  const layers = e.network.layers;
  const output = layers[layers.length - 1];
  const template = layers.length > 1 ? layers[0] : { ...output, activation: { kind: 'relu' as const }, init: 'he-normal' as const, bias: null };
  const hidden = Array.from({ length: depth }, () => ({ ...template, activation: { ...template.activation }, units: width }));
  return { ...e, weights: null, network: { ...e.network, layers: [...hidden, { ...output }] } };
}

/** One cell; `dataset` must be the experiment's (the grid never changes inputs or outputs). */
export function estimateCell(e: Experiment, dataset: Dataset, depth: number, width: number, trials: number): GridCell {
  const estimator = new BornDeadEstimator(reshapeHidden(e, depth, width), dataset);
  estimator.run(trials);
  return { depth, width, ...estimator.result() };
}
