import { getKernels } from '../kernels/index';
import { rmspropUpdate } from '../kernels/optim-plain';
import type { Kernels, RmsPropCoefficients } from '../kernels/types';
import type { Param } from '../nn/network';
import type { Optimizer } from './types';

/**
 * torch.optim.RMSprop without momentum or centering: g = grad + wd·p,
 * sq = ρ·sq + (1 − ρ)·g², p −= lr · g / (√sq + ε). PyTorch calls ρ `alpha`.
 */
export class RmsProp implements Optimizer {
  readonly kind = 'rmsprop' as const;
  private readonly squareAvg: Float32Array[];
  private readonly coefficients: RmsPropCoefficients;

  constructor(
    private readonly params: readonly Param[],
    public lr: number,
    readonly rho: number,
    readonly eps: number,
    public weightDecay: number,
    private readonly kernels: Kernels = getKernels(),
  ) {
    this.squareAvg = params.map((p) => kernels.alloc?.(p.value.length) ?? new Float32Array(p.value.length));
    this.coefficients = { lr, rho, eps, weightDecay };
  }

  step(): void {
    const c = this.coefficients;
    c.lr = this.lr;
    c.weightDecay = this.weightDecay;
    for (let k = 0; k < this.params.length; k++) {
      const { value, grad } = this.params[k];
      if (this.kernels.rmspropUpdate) this.kernels.rmspropUpdate(value, grad, this.squareAvg[k], value.length, c);
      else rmspropUpdate(value, grad, this.squareAvg[k], value.length, c);
    }
  }
}
