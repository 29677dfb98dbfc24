import type { Param } from '../nn/network';
import type { Optimizer } from './types';

/**
 * torch.optim.RMSprop without momentum or centering: g = grad + wd·p,
 * sq = ρ·sq + (1 − ρ)·g², p −= lr · g / (√sq + ε). PyTorch calls ρ `alpha`.
 */
export class RmsProp implements Optimizer {
  readonly kind = 'rmsprop' as const;
  private readonly squareAvg: Float32Array[];

  constructor(
    private readonly params: readonly Param[],
    public lr: number,
    readonly rho: number,
    readonly eps: number,
    public weightDecay: number,
  ) {
    this.squareAvg = params.map((p) => new Float32Array(p.value.length));
  }

  step(): void {
    const { lr, rho, eps, weightDecay } = this;
    for (let k = 0; k < this.params.length; k++) {
      const { value, grad } = this.params[k];
      const sq = this.squareAvg[k];
      const n = value.length;
      for (let i = 0; i < n; i++) {
        const g = grad[i] + weightDecay * value[i];
        const s = rho * sq[i] + (1 - rho) * g * g;
        sq[i] = s;
        value[i] -= (lr * g) / (Math.sqrt(s) + eps);
      }
    }
  }
}
