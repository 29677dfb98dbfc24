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
   * Optional: a zeroed Float32Array of `length` that these kernels work on in
   * place (the WebAssembly kernels: a view of their memory; operands from
   * anywhere else are copied in and out on every call). Owners of long-lived
   * buffers should prefer it: `kernels.alloc?.(n) ?? new Float32Array(n)`.
   * Such arrays share one ArrayBuffer that cannot be transferred: post copies.
   */
  alloc?(length: number): Float32Array;
}
