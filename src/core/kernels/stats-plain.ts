/**
 * The instruments' statistics in plain TypeScript: the reference the
 * optional Kernels methods (sumSquares, minMax, sweepActivations) must
 * match, and what runs where a kernel set lacks them.
 */
import type { ActivationSweep } from './types';

/**
 * Σ values[i]² for the instruments' norms, the same bits on every kernel
 * set: the values in two parts split at sumSquaresHalf(n) (so that two
 * threads can take one each; one thread adds them up the same way), each
 * summed by sumSquaresPart, the first part's sum plus the second's.
 */
export function sumSquares(values: Float32Array, n: number): number {
  const half = sumSquaresHalf(n);
  return sumSquaresPart(values, 0, half) + sumSquaresPart(values, half, n);
}

/** Where sumSquares splits n values: a multiple of 8 near the middle. */
export function sumSquaresHalf(n: number): number {
  return Math.floor(n / 16) * 8;
}

/** A part's sum below this, or infinite, or NaN, is taken again with float64 squares. */
const SMALLEST_FAST_SUM = 2 ** -70;
/** Float32 lanes: a Float32Array rounds each sum stored in it as float32 arithmetic does. */
const lanes = new Float32Array(16);

/**
 * Σ values[i]² over [from, to) as kernels.wat's sum_squares adds them: in
 * blocks of up to 256 values, value from + i goes to float32 lane i mod 16
 * (its float32 square added in float32); each block's lanes go into two
 * float64 totals, even and odd, as ((l0+l2)+(l4+l6)) + ((l8+l10)+(l12+l14));
 * then even + odd, then the (to − from) mod 16 last float32 squares one by
 * one. Within ~1e-6 of the exact sum and three times faster in SIMD than
 * float64 squares; where squares below float32's range could matter (a sum
 * under 2^-70) or a lane overflowed, sumSquaresExact's value instead.
 */
function sumSquaresPart(values: Float32Array, from: number, to: number): number {
  let even = 0;
  let odd = 0;
  let i = from;
  const end16 = from + Math.floor((to - from) / 16) * 16;
  while (i < end16) {
    const block = Math.min(i + 256, end16);
    lanes.fill(0);
    for (; i < block; i += 16) {
      for (let l = 0; l < 16; l++) {
        const v = values[i + l];
        lanes[l] += Math.fround(v * v);
      }
    }
    even += lanes[0] + lanes[2] + (lanes[4] + lanes[6]) + (lanes[8] + lanes[10] + (lanes[12] + lanes[14]));
    odd += lanes[1] + lanes[3] + (lanes[5] + lanes[7]) + (lanes[9] + lanes[11] + (lanes[13] + lanes[15]));
  }
  let s = even + odd;
  for (; i < to; i++) s += Math.fround(values[i] * values[i]);
  return s >= SMALLEST_FAST_SUM && s < Infinity ? s : sumSquaresExact(values, from, to);
}

/**
 * Σ values[i]² over [from, to) with float64 squares, which are exact: eight
 * running sums (value from + i goes to sum i mod 8), combined as
 * ((s0+s2)+(s4+s6)) + ((s1+s3)+(s5+s7)), then the (to − from) mod 8 last
 * values in order, as kernels.wat's sum_squares_exact adds them.
 */
function sumSquaresExact(values: Float32Array, from: number, to: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = from;
  for (; i + 7 < to; i += 8) {
    const a = values[i], b = values[i + 1], c = values[i + 2], d = values[i + 3];
    const e = values[i + 4], f = values[i + 5], g = values[i + 6], h = values[i + 7];
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
    s4 += e * e;
    s5 += f * f;
    s6 += g * g;
    s7 += h * h;
  }
  let s = (s0 + s2 + (s4 + s6)) + (s1 + s3 + (s5 + s7));
  for (; i < to; i++) s += values[i] * values[i];
  return s;
}

export function minMax(values: Float32Array, n: number, range: { min: number; max: number }): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  range.min = min;
  range.max = max;
}

/**
 * Histogram counts as torch.histc counts on float32 tensors: v in [min, max]
 * (NaN and values outside are left out) goes to bin ⌊(v − min) · bins / (max −
 * min)⌋, every operation in float32 in that order (Math.fround after each,
 * which gives float32's own rounding), the last bin closed. min and max are
 * taken as float32 values.
 */
export function binCounts(values: Float32Array, n: number, min: number, max: number, counts: Uint32Array): void {
  const bins = counts.length;
  const last = bins - 1;
  const lo = Math.fround(min);
  const hi = Math.fround(max);
  const width = Math.fround(hi - lo);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    // v ≥ min, so truncation is floor; Math.min keeps the closed last bin without a branch. Min before
    // truncating, as the WebAssembly kernel's saturating truncation does: a product that overflows to
    // Infinity (a range near float32's limit) goes to the last bin, NaN (∞/∞) to the first.
    counts[Math.min(Math.fround(Math.fround(Math.fround(v - lo) * bins) / width), last) | 0]++;
  }
}

/** One pass over pre and post (samples × units, row-major) filling `out`. */
export function sweepActivations(pre: Float32Array, post: Float32Array, samples: number, units: number, out: ActivationSweep): void {
  const positive = out.positiveCount;
  const preMax = out.preMax;
  positive.fill(0, 0, units);
  preMax.fill(-Infinity, 0, units);
  let zeros = 0;
  let preMin = Infinity;
  let postMin = Infinity;
  let postMax = -Infinity;
  // Branch-free: signs of pre-activations are coin flips, which a branch predictor cannot learn.
  for (let s = 0; s < samples; s++) {
    const row = s * units;
    for (let u = 0; u < units; u++) {
      const v = pre[row + u];
      const p = post[row + u];
      positive[u] += (v > 0) as unknown as number;
      preMax[u] = Math.max(preMax[u], v);
      preMin = Math.min(preMin, v);
      zeros += (p === 0) as unknown as number;
      postMin = Math.min(postMin, p);
      postMax = Math.max(postMax, p);
    }
  }
  out.preMin = preMin;
  out.postMin = postMin;
  out.postMax = postMax;
  out.zeros = zeros;
}
