import type { OptimizerSpec } from '../experiment/types';
import type { Param } from '../nn/network';
import { Adam } from './adam';
import { RmsProp } from './rmsprop';
import { Sgd } from './sgd';
import type { Optimizer } from './types';

export type { Optimizer } from './types';

/** An optimizer over `params` (kept by reference: it reads their grads and updates their values in place). */
export function createOptimizer(spec: OptimizerSpec, params: Param[]): Optimizer {
  switch (spec.kind) {
    case 'sgd':
      return new Sgd(params, spec.lr, spec.momentum, spec.nesterov, spec.weightDecay);
    case 'adam':
    case 'adamw':
      return new Adam(spec.kind, params, spec.lr, spec.beta1, spec.beta2, spec.eps, spec.weightDecay);
    case 'rmsprop':
      return new RmsProp(params, spec.lr, spec.rho, spec.eps, spec.weightDecay);
    default:
      throw new Error(`unknown optimizer ${String((spec as { kind: unknown }).kind)}`);
  }
}
