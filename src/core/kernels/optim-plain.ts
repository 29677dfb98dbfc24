/**
 * The optimizers' per-parameter updates in plain TypeScript: the reference
 * the optional Kernels methods (sgdUpdate, adamUpdate, …) must match, bit
 * for bit, and what runs where a kernel set lacks them. Every value is
 * computed in float64 from the float32 arrays and rounded once, where it is
 * stored; the WebAssembly kernels do the same operations in the same order.
 * The rules themselves (PyTorch's) are documented in src/core/optim/.
 */
import type { AdamCoefficients, RmsPropCoefficients, SgdCoefficients } from './types';

/** SGD without momentum: value −= lr·grad, or lr·(grad + wd·value) with weight decay (torch adds no decay term at wd = 0). */
export function sgdUpdate(value: Float32Array, grad: Float32Array, n: number, lr: number, weightDecay: number): void {
  if (weightDecay === 0) for (let i = 0; i < n; i++) value[i] -= lr * grad[i];
  else for (let i = 0; i < n; i++) value[i] -= lr * (grad[i] + weightDecay * value[i]);
}

/** SGD with momentum: the buffer starts as the first g (`first`), then buf = momentum·buf + g. */
export function sgdMomentumUpdate(value: Float32Array, grad: Float32Array, buf: Float32Array, n: number, c: SgdCoefficients): void {
  const { lr, momentum, weightDecay, first, nesterov } = c;
  for (let i = 0; i < n; i++) {
    const g = grad[i] + weightDecay * value[i];
    const b = first ? g : momentum * buf[i] + g;
    buf[i] = b;
    value[i] -= lr * (nesterov ? g + momentum * b : b);
  }
}

export function adamUpdate(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): void {
  const { shrink, l2, beta1, beta2, stepSize, correction2, eps } = c;
  for (let i = 0; i < n; i++) {
    const p = value[i] * shrink;
    const g = grad[i] + l2 * p;
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    value[i] = p - (stepSize * mi) / (Math.sqrt(vi) / correction2 + eps);
  }
}

export function rmspropUpdate(value: Float32Array, grad: Float32Array, sq: Float32Array, n: number, c: RmsPropCoefficients): void {
  const { lr, rho, eps, weightDecay } = c;
  for (let i = 0; i < n; i++) {
    const g = grad[i] + weightDecay * value[i];
    const s = rho * sq[i] + (1 - rho) * g * g;
    sq[i] = s;
    value[i] -= (lr * g) / (Math.sqrt(s) + eps);
  }
}
