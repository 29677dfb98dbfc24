import type { Param } from '../nn/network';
import type { Optimizer } from './types';

/**
 * torch.optim.Adam and AdamW (amsgrad off). Adam adds wd·p to the gradient
 * (L2); AdamW instead shrinks the parameter first, p ·= 1 − lr·wd
 * (decoupled). Then m and v are exponential averages of g and g², and
 * p −= lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε), in that exact order of
 * operations so ε enters as PyTorch's does.
 */
export class Adam implements Optimizer {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;

  constructor(
    readonly kind: 'adam' | 'adamw',
    private readonly params: readonly Param[],
    public lr: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    public weightDecay: number,
  ) {
    this.m = params.map((p) => new Float32Array(p.value.length));
    this.v = params.map((p) => new Float32Array(p.value.length));
  }

  step(): void {
    const { lr, beta1, beta2, eps, weightDecay } = this;
    this.t++;
    const stepSize = lr / (1 - beta1 ** this.t);
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** this.t);
    const decoupled = this.kind === 'adamw';
    const shrink = decoupled ? 1 - lr * weightDecay : 1;
    const l2 = decoupled ? 0 : weightDecay;
    for (let k = 0; k < this.params.length; k++) {
      const { value, grad } = this.params[k];
      const m = this.m[k];
      const v = this.v[k];
      const n = value.length;
      for (let i = 0; i < n; i++) {
        const p = value[i] * shrink;
        const g = grad[i] + l2 * p;
        const mi = beta1 * m[i] + (1 - beta1) * g;
        const vi = beta2 * v[i] + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        value[i] = p - (stepSize * mi) / (Math.sqrt(vi) / sqrtCorrection2 + eps);
      }
    }
  }
}
