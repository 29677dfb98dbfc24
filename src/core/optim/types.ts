import type { OptimizerKind } from '../experiment/types';

/** Updates the parameters it was created with from their current gradients, PyTorch's rules. */
export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Learning rate; may be changed between steps (live control). */
  lr: number;
  /** Weight decay (L2 added to the gradient; decoupled for adamw); may be changed between steps. */
  weightDecay: number;
  /** One update of every parameter. Allocates nothing. */
  step(): void;
}
