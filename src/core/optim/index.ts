import type { OptimizerSpec } from '../experiment/types';
import type { Param } from '../nn/network';
import { Adam } from './adam';
import { RmsProp } from './rmsprop';
import { Sgd } from './sgd';
import type { Kernels } from '../kernels/types';
import type { Optimizer } from './types';

export type { Optimizer } from './types';

/**
 * An optimizer over `params` (kept by reference: it reads their grads and
 * updates their values in place), updating them on `kernels` (the network's).
 */
export function createOptimizer(spec: OptimizerSpec, params: Param[], kernels?: Kernels): Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return new Sgd(params, spec.lr, spec.momentum, spec.nesterov, spec.weightDecay, kernels);
    case 'adam':
    case 'adamw':
      return new Adam(spec.kind, params, spec.lr, spec.beta1, spec.beta2, spec.eps, spec.weightDecay, kernels);
    case 'rmsprop':
      return new RmsProp(params, spec.lr, spec.rho, spec.eps, spec.weightDecay, kernels);
    default:
      throw new Error(`unknown optimizer ${String((spec as { kind: unknown }).kind)}`);
  }
}
