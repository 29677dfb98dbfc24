import type { Kernels } from './types';

/**
 * Naive triple loops, accumulated in float64: the oracle the fast kernels are
 * tested against. Too slow for training; never the default.
 */
export const referenceKernels: Kernels = {
  name: 'reference',

  gemmNT(m, n, k, a, b, c, bias) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = bias ? bias[j] : 0;
        for (let p = 0; p < k; p++) sum += a[i * k + p] * b[j * k + p];
        c[i * n + j] = sum;
      }
    }
  },

  gemmNN(m, n, k, a, b, c) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
        c[i * n + j] = sum;
      }
    }
  },

  gemmTN(m, n, k, a, b, c) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[p * m + i] * b[p * n + j];
        c[i * n + j] = sum;
      }
    }
  },
};
