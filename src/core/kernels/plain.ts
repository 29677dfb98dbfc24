import type { Kernels } from './types';

/**
 * Plain-TypeScript dense kernels, register-tiled: each pass of the inner
 * loop loads 4 values of A and 4 of B and updates a 4×4 block of C held in
 * local variables (float64 accumulators), so every load feeds four
 * multiply-adds instead of one. V8 keeps the locals in registers; that, not
 * cleverness with the cache, is what makes these ~3× faster than naive loops
 * at the sizes ReLU Lab trains (hundreds of units, batches of tens).
 * Rows and columns that do not fill a 4×4 block go through scalar loops.
 */
export const plainKernels: Kernels = {
  name: 'plain',
  gemmNT,
  gemmNN,
  gemmTN,
};

/** C[m×n] = A[m×k] · B[n×k]ᵀ (+ bias): both operands are contiguous along k, so the inner loop is a 4×4 block of dot products. */
function gemmNT(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, bias?: Float32Array): void {
  const m4 = m - (m & 3);
  const n4 = n - (n & 3);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    for (let j = 0; j < n4; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
        const y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p], y3 = b[b3 + p];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      if (bias) { d0 = bias[j]; d1 = bias[j + 1]; d2 = bias[j + 2]; d3 = bias[j + 3]; }
      c[r0 + j] = c00 + d0; c[r0 + j + 1] = c01 + d1; c[r0 + j + 2] = c02 + d2; c[r0 + j + 3] = c03 + d3;
      c[r1 + j] = c10 + d0; c[r1 + j + 1] = c11 + d1; c[r1 + j + 2] = c12 + d2; c[r1 + j + 3] = c13 + d3;
      c[r2 + j] = c20 + d0; c[r2 + j + 1] = c21 + d1; c[r2 + j + 2] = c22 + d2; c[r2 + j + 3] = c23 + d3;
      c[r3 + j] = c30 + d0; c[r3 + j + 1] = c31 + d1; c[r3 + j + 2] = c32 + d2; c[r3 + j + 3] = c33 + d3;
    }
  }
  // Leftovers: the last n mod 4 columns of the tiled rows, then the last m mod 4 rows.
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) {
      let sum = bias ? bias[j] : 0;
      const ai = i * k, bj = j * k;
      for (let p = 0; p < k; p++) sum += a[ai + p] * b[bj + p];
      c[i * n + j] = sum;
    }
  }
}

/** C[m×n] = A[m×k] · B[k×n]: four rows of A meet four consecutive columns of each row of B. */
function gemmNN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  const m4 = m - (m & 3);
  const n4 = n - (n & 3);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, bp = j; p < k; p++, bp += n) {
        const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
        const y0 = b[bp], y1 = b[bp + 1], y2 = b[bp + 2], y3 = b[bp + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      c[r0 + j] = c00; c[r0 + j + 1] = c01; c[r0 + j + 2] = c02; c[r0 + j + 3] = c03;
      c[r1 + j] = c10; c[r1 + j + 1] = c11; c[r1 + j + 2] = c12; c[r1 + j + 3] = c13;
      c[r2 + j] = c20; c[r2 + j + 1] = c21; c[r2 + j + 2] = c22; c[r2 + j + 3] = c23;
      c[r3 + j] = c30; c[r3 + j + 1] = c31; c[r3 + j + 2] = c32; c[r3 + j + 3] = c33;
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) {
      let sum = 0;
      const ai = i * k;
      for (let p = 0; p < k; p++) sum += a[ai + p] * b[p * n + j];
      c[i * n + j] = sum;
    }
  }
}

/** C[m×n] = A[k×m]ᵀ · B[k×n]: each row p of A and of B contributes an outer product of four consecutive values each. */
function gemmTN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  const m4 = m - (m & 3);
  const n4 = n - (n & 3);
  for (let i = 0; i < m4; i += 4) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0, ap = i, bp = j; p < k; p++, ap += m, bp += n) {
        const x0 = a[ap], x1 = a[ap + 1], x2 = a[ap + 2], x3 = a[ap + 3];
        const y0 = b[bp], y1 = b[bp + 1], y2 = b[bp + 2], y3 = b[bp + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      c[r0 + j] = c00; c[r0 + j + 1] = c01; c[r0 + j + 2] = c02; c[r0 + j + 3] = c03;
      c[r1 + j] = c10; c[r1 + j + 1] = c11; c[r1 + j + 2] = c12; c[r1 + j + 3] = c13;
      c[r2 + j] = c20; c[r2 + j + 1] = c21; c[r2 + j + 2] = c22; c[r2 + j + 3] = c23;
      c[r3 + j] = c30; c[r3 + j + 1] = c31; c[r3 + j + 2] = c32; c[r3 + j + 3] = c33;
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[p * m + i] * b[p * n + j];
      c[i * n + j] = sum;
    }
  }
}
