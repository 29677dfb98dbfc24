import type { Param } from '../nn/network';
import type { Optimizer } from './types';

/**
 * torch.optim.SGD with dampening 0: g = grad + wd·p; with momentum, the
 * buffer starts as the first g (not as zero) and then
 * buf = momentum·buf + g; the step uses buf, or g + momentum·buf for Nesterov.
 */
export class Sgd implements Optimizer {
  readonly kind = 'sgd' as const;
  private readonly buffers: Float32Array[];
  private started = false;

  constructor(
    private readonly params: readonly Param[],
    public lr: number,
    readonly momentum: number,
    readonly nesterov: boolean,
    public weightDecay: number,
  ) {
    this.buffers = momentum !== 0 ? params.map((p) => new Float32Array(p.value.length)) : [];
  }

  step(): void {
    const { lr, momentum, nesterov, weightDecay } = this;
    const first = !this.started;
    this.started = true;
    for (let k = 0; k < this.params.length; k++) {
      const { value, grad } = this.params[k];
      const n = value.length;
      if (momentum === 0) {
        // Like torch, no decay term at all without weight decay (and a multiply-add less per parameter).
        if (weightDecay === 0) for (let i = 0; i < n; i++) value[i] -= lr * grad[i];
        else for (let i = 0; i < n; i++) value[i] -= lr * (grad[i] + weightDecay * value[i]);
        continue;
      }
      const buf = this.buffers[k];
      for (let i = 0; i < n; i++) {
        const g = grad[i] + weightDecay * value[i];
        const b = first ? g : momentum * buf[i] + g;
        buf[i] = b;
        value[i] -= lr * (nesterov ? g + momentum * b : b);
      }
    }
  }
}
