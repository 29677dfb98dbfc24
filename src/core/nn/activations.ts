import { ACTIVATION_DEFAULT_ALPHA } from '../experiment/types';
import type { ActivationKind, ActivationSpec } from '../experiment/types';
import { erf } from './erf';

/**
 * Element-wise activations and their derivatives with PyTorch's definitions,
 * including the value it picks at each kink (relu'(0) = 0, leaky'(0) = α,
 * elu'(0) = α, relu6'(0) = relu6'(6) = 0). Values are computed in float64
 * and stored in float32, like PyTorch's float32 kernels up to rounding.
 *
 * Each kind has its own loop, chosen once per call: no per-element dispatch
 * or closures in the hot path.
 */

// torch.nn.SELU's constants.
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
// softplus with PyTorch's defaults beta = 1, threshold = 20: linear above it.
const SOFTPLUS_THRESHOLD = 20;
const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

export interface ResolvedActivation {
  kind: ActivationKind;
  /** The activation's parameter (leaky slope, elu α, prelu's initial slope); 0 where unused. */
  alpha: number;
}

export function resolveActivation(spec: ActivationSpec): ResolvedActivation {
  const fallback = ACTIVATION_DEFAULT_ALPHA[spec.kind];
  if (fallback === undefined) return { kind: spec.kind, alpha: 0 };
  return { kind: spec.kind, alpha: spec.alpha ?? fallback };
}

/** Whether the activation has an α parameter (PyTorch's negative_slope / alpha / PReLU weight). */
export function hasAlpha(kind: ActivationKind): boolean {
  return ACTIVATION_DEFAULT_ALPHA[kind] !== undefined;
}

function sigmoid(x: number): number {
  // Stable on both sides: exp of a non-positive number never overflows.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function softplus(x: number): number {
  return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
}

/** post[i] = f(pre[i]) for i < n. `alpha` is ignored by kinds without a parameter. */
export function activate(kind: ActivationKind, alpha: number, pre: Float32Array, post: Float32Array, n: number): void {
  switch (kind) {
    case 'linear':
      // A loop, not set(subarray): a subarray view would allocate on every step.
      if (post !== pre) for (let i = 0; i < n; i++) post[i] = pre[i];
      return;
    case 'relu':
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = x > 0 ? x : 0; }
      return;
    case 'leaky-relu':
    case 'prelu':
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = x > 0 ? x : alpha * x; }
      return;
    case 'elu':
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = x > 0 ? x : alpha * Math.expm1(x); }
      return;
    case 'selu':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        post[i] = x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) post[i] = sigmoid(pre[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) post[i] = Math.tanh(pre[i]);
      return;
    case 'relu6':
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = x <= 0 ? 0 : x >= 6 ? 6 : x; }
      return;
    case 'gelu':
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = 0.5 * x * (1 + erf(x * SQRT1_2)); }
      return;
    case 'silu':
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = x * sigmoid(x); }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) post[i] = softplus(pre[i]);
      return;
    case 'mish':
      // PyTorch's mish has no softplus threshold; log1p(exp(x)) only differs from x beyond 20 by < 1e-8.
      for (let i = 0; i < n; i++) { const x = pre[i]; post[i] = x * Math.tanh(softplus(x)); }
      return;
    default:
      throw new Error(`unknown activation ${String(kind satisfies never)}`);
  }
}

/**
 * gradPre[i] = gradPost[i] · f'(pre[i]) for i < n (`post` must hold f(pre)
 * from the matching forward). Returns Σ gradPost · ∂f/∂α for prelu — the
 * gradient of its single shared slope — and 0 for every other kind.
 */
export function activateBackward(
  kind: ActivationKind,
  alpha: number,
  pre: Float32Array,
  post: Float32Array,
  gradPost: Float32Array,
  gradPre: Float32Array,
  n: number,
): number {
  switch (kind) {
    case 'linear':
      if (gradPre !== gradPost) for (let i = 0; i < n; i++) gradPre[i] = gradPost[i];
      return 0;
    case 'relu':
      for (let i = 0; i < n; i++) gradPre[i] = pre[i] > 0 ? gradPost[i] : 0;
      return 0;
    case 'leaky-relu':
      for (let i = 0; i < n; i++) gradPre[i] = pre[i] > 0 ? gradPost[i] : alpha * gradPost[i];
      return 0;
    case 'prelu': {
      let gradAlpha = 0;
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        const g = gradPost[i];
        if (x > 0) {
          gradPre[i] = g;
        } else {
          gradPre[i] = alpha * g;
          gradAlpha += x * g;
        }
      }
      return gradAlpha;
    }
    case 'elu':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        gradPre[i] = x > 0 ? gradPost[i] : gradPost[i] * alpha * Math.exp(x);
      }
      return 0;
    case 'selu':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        gradPre[i] = x > 0 ? gradPost[i] * SELU_SCALE : gradPost[i] * SELU_SCALE * SELU_ALPHA * Math.exp(x);
      }
      return 0;
    case 'sigmoid':
      for (let i = 0; i < n; i++) { const y = post[i]; gradPre[i] = gradPost[i] * y * (1 - y); }
      return 0;
    case 'tanh':
      for (let i = 0; i < n; i++) { const y = post[i]; gradPre[i] = gradPost[i] * (1 - y * y); }
      return 0;
    case 'relu6':
      for (let i = 0; i < n; i++) { const x = pre[i]; gradPre[i] = x <= 0 || x >= 6 ? 0 : gradPost[i]; }
      return 0;
    case 'gelu':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        const cdf = 0.5 * (1 + erf(x * SQRT1_2));
        const pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        gradPre[i] = gradPost[i] * (cdf + x * pdf);
      }
      return 0;
    case 'silu':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        const s = sigmoid(x);
        gradPre[i] = gradPost[i] * s * (1 + x * (1 - s));
      }
      return 0;
    case 'softplus':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        gradPre[i] = x > SOFTPLUS_THRESHOLD ? gradPost[i] : gradPost[i] * sigmoid(x);
      }
      return 0;
    case 'mish':
      for (let i = 0; i < n; i++) {
        const x = pre[i];
        const t = Math.tanh(softplus(x));
        gradPre[i] = gradPost[i] * (t + x * sigmoid(x) * (1 - t * t));
      }
      return 0;
    default:
      throw new Error(`unknown activation ${String(kind satisfies never)}`);
  }
}
