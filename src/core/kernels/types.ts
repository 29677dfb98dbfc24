/**
 * The dense kernels every layer goes through. Layers never loop over matrices
 * themselves, so a faster implementation (WebAssembly SIMD, threads) can be
 * swapped in without touching them. All matrices are row-major and start at
 * offset 0 of their arrays; arrays may be longer than the matrix.
 */
export interface Kernels {
  readonly name: string;
  /** C[m×n] = A[m×k] · B[n×k]ᵀ (+ bias[n] broadcast over rows when given). Forward: pre = x · Wᵀ + b. */
  gemmNT(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, bias?: Float32Array): void;
  /** C[m×n] = A[m×k] · B[k×n]. Backward to inputs: dX = dPre · W. */
  gemmNN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void;
  /** C[m×n] = A[k×m]ᵀ · B[k×n]. Backward to weights: dW = dPreᵀ · X. */
  gemmTN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void;
  /**
   * Optional fused forward of a ReLU layer: pre = A·Bᵀ (+ bias) as gemmNT,
   * and post[i] = pre[i] > 0 ? pre[i] : 0 (activations.ts's relu, NaN → 0)
   * over the first m×n values, in one call while pre is still in cache.
   */
  gemmNTRelu?(m: number, n: number, k: number, a: Float32Array, b: Float32Array, pre: Float32Array, post: Float32Array, bias?: Float32Array): void;
  /**
   * Optional ReLU backward: gradPre[i] = pre[i] > 0 ? gradPost[i] : 0 over the
   * first n values (activations.ts's, NaN → 0). With `range`, also the
   * smallest and largest value written, as minMax finds them, for a
   * histogram of dLoss/dPre without a pass of its own.
   */
  reluBackward?(pre: Float32Array, gradPost: Float32Array, gradPre: Float32Array, n: number, range?: { min: number; max: number }): void;
  /**
   * Optional: a zeroed Float32Array of `length` that these kernels work on in
   * place (the WebAssembly kernels: a view of their memory; operands from
   * anywhere else are copied in and out on every call). Owners of long-lived
   * buffers should prefer it: `kernels.alloc?.(n) ?? new Float32Array(n)`.
   * Such arrays share one ArrayBuffer that cannot be transferred: post copies.
   */
  alloc?(length: number): Float32Array;
  /**
   * Optional statistics for the instruments (src/core/train/layer-stats.ts
   * and histogram.ts hold the plain versions, which are the reference).
   * sumSquares: Σ values[i]² over the first n values, in exactly
   * sumSquares' arithmetic and order in stats-plain.ts, so the bits do not depend
   * on the kernels.
   */
  sumSquares?(values: Float32Array, n: number): number;
  /** Optional: Math.min and Math.max of the first n values (NaN where any is NaN) into `range`. */
  minMax?(values: Float32Array, n: number, range: { min: number; max: number }): void;
  /**
   * Optional: histogram.ts's counting, max > min (float32 values): every value
   * v in [min, max] (NaN and values outside are left out) adds one to
   * counts[min(⌊(v − min) · bins / (max − min)⌋, bins − 1)], in float32 as
   * torch.histc computes it, bins = counts.length, which is overwritten.
   */
  binCounts?(values: Float32Array, n: number, min: number, max: number, counts: Uint32Array): void;
  /** Optional: measureLayer's sweep over pre and post (samples × units), see ActivationSweep. */
  sweepActivations?(pre: Float32Array, post: Float32Array, samples: number, units: number, out: ActivationSweep): void;
  /**
   * Optional optimizer updates over the first n parameters, in place
   * (src/core/kernels/optim-plain.ts holds the plain versions, which are the
   * reference, and the same bits are required).
   */
  sgdUpdate?(value: Float32Array, grad: Float32Array, n: number, lr: number, weightDecay: number): void;
  sgdMomentumUpdate?(value: Float32Array, grad: Float32Array, buf: Float32Array, n: number, c: SgdCoefficients): void;
  adamUpdate?(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): void;
  rmspropUpdate?(value: Float32Array, grad: Float32Array, sq: Float32Array, n: number, c: RmsPropCoefficients): void;
}

/** One SGD-with-momentum step's settings; `first`: the buffer starts as this step's gradient. */
export interface SgdCoefficients {
  lr: number;
  momentum: number;
  weightDecay: number;
  nesterov: boolean;
  first: boolean;
}

/**
 * One Adam step's constants: shrink = 1 − lr·wd for AdamW (else 1), l2 = wd
 * for Adam (else 0), stepSize = lr / (1 − β1ᵗ), correction2 = √(1 − β2ᵗ).
 */
export interface AdamCoefficients {
  shrink: number;
  l2: number;
  beta1: number;
  beta2: number;
  stepSize: number;
  correction2: number;
  eps: number;
}

/** One RMSprop step's settings (rho is PyTorch's `alpha`). */
export interface RmsPropCoefficients {
  lr: number;
  rho: number;
  eps: number;
  weightDecay: number;
}

/**
 * What one sweep over a layer's pre- and post-activations finds: the arrays
 * (units long) are overwritten, not accumulated into.
 */
export interface ActivationSweep {
  /** Per unit: samples with pre > 0. */
  positiveCount: Uint32Array;
  /** Per unit: Math.max of its pre-activations. */
  preMax: Float32Array;
  preMin: number;
  postMin: number;
  postMax: number;
  /** Values with post === 0. */
  zeros: number;
}
