import { getKernels } from '../kernels/index';
import { sgdMomentumUpdate, sgdUpdate } from '../kernels/optim-plain';
import type { Kernels, SgdCoefficients } from '../kernels/types';
import type { Param } from '../nn/network';
import type { Optimizer } from './types';

/**
 * torch.optim.SGD with dampening 0: g = grad + wd·p; with momentum, the
 * buffer starts as the first g (not as zero) and then
 * buf = momentum·buf + g; the step uses buf, or g + momentum·buf for Nesterov.
 * Without weight decay, like torch, no decay term at all.
 */
export class Sgd implements Optimizer {
  readonly kind = 'sgd' as const;
  private readonly buffers: Float32Array[];
  private started = false;
  private readonly coefficients: SgdCoefficients;

  constructor(
    private readonly params: readonly Param[],
    public lr: number,
    readonly momentum: number,
    readonly nesterov: boolean,
    public weightDecay: number,
    private readonly kernels: Kernels = getKernels(),
  ) {
    this.buffers = momentum !== 0 ? params.map((p) => kernels.alloc?.(p.value.length) ?? new Float32Array(p.value.length)) : [];
    this.coefficients = { lr, momentum, weightDecay, nesterov, first: true };
  }

  step(): void {
    const { lr, momentum, weightDecay, kernels } = this;
    const c = this.coefficients;
    c.lr = lr;
    c.weightDecay = weightDecay;
    c.first = !this.started;
    this.started = true;
    for (let k = 0; k < this.params.length; k++) {
      const { value, grad } = this.params[k];
      const n = value.length;
      if (momentum === 0) {
        if (kernels.sgdUpdate) kernels.sgdUpdate(value, grad, n, lr, weightDecay);
        else sgdUpdate(value, grad, n, lr, weightDecay);
      } else if (kernels.sgdMomentumUpdate) kernels.sgdMomentumUpdate(value, grad, this.buffers[k], n, c);
      else sgdMomentumUpdate(value, grad, this.buffers[k], n, c);
    }
  }
}
