import { getKernels } from '../kernels/index';
import { adamUpdate } from '../kernels/optim-plain';
import type { AdamCoefficients, Kernels } from '../kernels/types';
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
  private readonly coefficients: AdamCoefficients;

  constructor(
    readonly kind: 'adam' | 'adamw',
    private readonly params: readonly Param[],
    public lr: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
    public weightDecay: number,
    private readonly kernels: Kernels = getKernels(),
  ) {
    const zeros = (n: number) => kernels.alloc?.(n) ?? new Float32Array(n);
    this.m = params.map((p) => zeros(p.value.length));
    this.v = params.map((p) => zeros(p.value.length));
    this.coefficients = { shrink: 1, l2: 0, beta1, beta2, stepSize: 0, correction2: 1, eps };
  }

  step(): void {
    const { lr, beta1, beta2, weightDecay, kernels } = this;
    this.t++;
    const decoupled = this.kind === 'adamw';
    const c = this.coefficients;
    c.stepSize = lr / (1 - beta1 ** this.t);
    c.correction2 = Math.sqrt(1 - beta2 ** this.t);
    c.shrink = decoupled ? 1 - lr * weightDecay : 1;
    c.l2 = decoupled ? 0 : weightDecay;
    for (let k = 0; k < this.params.length; k++) {
      const { value, grad } = this.params[k];
      if (kernels.adamUpdate) kernels.adamUpdate(value, grad, this.m[k], this.v[k], value.length, c);
      else adamUpdate(value, grad, this.m[k], this.v[k], value.length, c);
    }
  }
}
