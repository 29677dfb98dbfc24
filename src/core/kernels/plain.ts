import type { Kernels } from './types';

/**
 * Plain-TypeScript dense kernels. All three layouts run the same 4×4
 * register-tiled micro-kernel: each pass of its inner loop loads 4 values of
 * A and 4 of B and updates 16 accumulators held in locals, so every load
 * feeds four multiply-adds. Operands are first packed into float64 panels
 * (4 rows or columns, interleaved along k): the micro-kernel then reads two
 * contiguous streams with no float32→float64 conversions and no strides,
 * which is worth ~15 % on the big layers, and a panel that runs past the
 * matrix edge is zero-padded, so odd shapes need no separate loops.
 *
 * Loop order: A is packed a chunk of CHUNK_ROWS rows at a time, then each
 * 4-wide panel of B is packed once per chunk and swept across the chunk's
 * panels while it is hot in cache. Scratch space is kept between calls and
 * only grows (no allocation per step once the largest shape has been seen).
 */
export const plainKernels: Kernels = {
  name: 'plain',
  gemmNT(m, n, k, a, b, c, bias) {
    gemm(m, n, k, a, false, b, false, c, bias);
  },
  gemmNN(m, n, k, a, b, c) {
    gemm(m, n, k, a, false, b, true, c, undefined);
  },
  gemmTN(m, n, k, a, b, c) {
    gemm(m, n, k, a, true, b, true, c, undefined);
  },
};

const CHUNK_ROWS = 64;
let packedA = new Float64Array(0);
let packedB = new Float64Array(0);

/**
 * C[m×n] = op(A) · op(B) (+ bias). `aByColumns`: A is stored k×m (transposed),
 * else m×k. `bByColumns`: B is stored k×n, else n×k (transposed).
 */
function gemm(
  m: number, n: number, k: number,
  a: Float32Array, aByColumns: boolean,
  b: Float32Array, bByColumns: boolean,
  c: Float32Array, bias: Float32Array | undefined,
): void {
  const panel = 4 * k;
  if (packedA.length < CHUNK_ROWS * k) packedA = new Float64Array(CHUNK_ROWS * k);
  if (packedB.length < panel) packedB = new Float64Array(panel);
  const pa = packedA;
  const pb = packedB;
  for (let i0 = 0; i0 < m; i0 += CHUNK_ROWS) {
    const chunk = Math.min(CHUNK_ROWS, m - i0);
    for (let i = 0; i < chunk; i += 4) {
      const rows = Math.min(4, chunk - i);
      if (aByColumns) packColumns(a, m, i0 + i, rows, k, pa, i * k);
      else packRows(a, k, i0 + i, rows, k, pa, i * k);
    }
    for (let j = 0; j < n; j += 4) {
      const cols = Math.min(4, n - j);
      if (bByColumns) packColumns(b, n, j, cols, k, pb, 0);
      else packRows(b, k, j, cols, k, pb, 0);
      for (let i = 0; i < chunk; i += 4) {
        block4x4(k, pa, i * k, pb, c, n, i0 + i, Math.min(4, chunk - i), j, cols, bias);
      }
    }
  }
}

/** Rows r0…r0+count−1 of a row-major matrix with `stride` columns, as a panel[p][4] (missing rows zero). */
function packRows(src: Float32Array, stride: number, r0: number, count: number, k: number, dst: Float64Array, at: number): void {
  const s0 = r0 * stride;
  const s1 = count > 1 ? s0 + stride : -1;
  const s2 = count > 2 ? s0 + 2 * stride : -1;
  const s3 = count > 3 ? s0 + 3 * stride : -1;
  for (let p = 0, o = at; p < k; p++, o += 4) {
    dst[o] = src[s0 + p];
    dst[o + 1] = s1 < 0 ? 0 : src[s1 + p];
    dst[o + 2] = s2 < 0 ? 0 : src[s2 + p];
    dst[o + 3] = s3 < 0 ? 0 : src[s3 + p];
  }
}

/** Columns c0…c0+count−1 of a row-major k×stride matrix, as a panel[p][4] (missing columns zero). */
function packColumns(src: Float32Array, stride: number, c0: number, count: number, k: number, dst: Float64Array, at: number): void {
  if (count === 4) {
    for (let p = 0, o = at, s = c0; p < k; p++, o += 4, s += stride) {
      dst[o] = src[s];
      dst[o + 1] = src[s + 1];
      dst[o + 2] = src[s + 2];
      dst[o + 3] = src[s + 3];
    }
    return;
  }
  for (let p = 0, o = at, s = c0; p < k; p++, o += 4, s += stride) {
    dst[o] = src[s];
    dst[o + 1] = count > 1 ? src[s + 1] : 0;
    dst[o + 2] = count > 2 ? src[s + 2] : 0;
    dst[o + 3] = 0;
  }
}

/** C[i…i+rows, j…j+cols] = panelA · panelBᵀ (+ bias[j…]), the 4×4 micro-kernel. */
function block4x4(
  k: number, pa: Float64Array, at: number, pb: Float64Array,
  c: Float32Array, n: number, i: number, rows: number, j: number, cols: number,
  bias: Float32Array | undefined,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let q = at, o = 0, end = 4 * k; o < end; q += 4, o += 4) {
    const x0 = pa[q], x1 = pa[q + 1], x2 = pa[q + 2], x3 = pa[q + 3];
    const y0 = pb[o], y1 = pb[o + 1], y2 = pb[o + 2], y3 = pb[o + 3];
    c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
    c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
    c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
    c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
  }
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  if (bias) {
    d0 = bias[j];
    if (cols > 1) d1 = bias[j + 1];
    if (cols > 2) d2 = bias[j + 2];
    if (cols > 3) d3 = bias[j + 3];
  }
  const r0 = i * n + j;
  if (rows === 4 && cols === 4) {
    const r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    c[r0] = c00 + d0; c[r0 + 1] = c01 + d1; c[r0 + 2] = c02 + d2; c[r0 + 3] = c03 + d3;
    c[r1] = c10 + d0; c[r1 + 1] = c11 + d1; c[r1 + 2] = c12 + d2; c[r1 + 3] = c13 + d3;
    c[r2] = c20 + d0; c[r2 + 1] = c21 + d1; c[r2 + 2] = c22 + d2; c[r2 + 3] = c23 + d3;
    c[r3] = c30 + d0; c[r3 + 1] = c31 + d1; c[r3 + 2] = c32 + d2; c[r3 + 3] = c33 + d3;
    return;
  }
  // Edge block: write only the part inside C.
  storeRow(c, r0, cols, c00 + d0, c01 + d1, c02 + d2, c03 + d3);
  if (rows > 1) storeRow(c, r0 + n, cols, c10 + d0, c11 + d1, c12 + d2, c13 + d3);
  if (rows > 2) storeRow(c, r0 + 2 * n, cols, c20 + d0, c21 + d1, c22 + d2, c23 + d3);
  if (rows > 3) storeRow(c, r0 + 3 * n, cols, c30 + d0, c31 + d1, c32 + d2, c33 + d3);
}

function storeRow(c: Float32Array, at: number, cols: number, v0: number, v1: number, v2: number, v3: number): void {
  c[at] = v0;
  if (cols > 1) c[at + 1] = v1;
  if (cols > 2) c[at + 2] = v2;
  if (cols > 3) c[at + 3] = v3;
}
