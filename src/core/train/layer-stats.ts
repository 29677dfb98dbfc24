import { getKernels } from '../kernels/index';
import { sumSquares, sweepActivations } from '../kernels/stats-plain';
import type { ActivationSweep, Kernels } from '../kernels/types';

/**
 * The per-layer statistics of DESIGN §3, measured on a forward pass over the
 * probe set. One `LayerStats` is kept per hidden layer for the whole run and
 * overwritten in place, so measuring allocates nothing.
 */
export interface LayerStats {
  units: number;
  /** Samples the last measurement covered. */
  samples: number;
  /** Per unit: number of probe samples with pre-activation > 0. */
  positiveCount: Uint32Array;
  /** Per unit: largest pre-activation seen. */
  preMax: Float32Array;
  /** Range of all pre- and post-activations measured (for their histograms, which then need one pass less). */
  preRange: { min: number; max: number };
  postRange: { min: number; max: number };
  /** (sample, unit) pairs whose post-activation was exactly 0. */
  zeros: number;
  inactiveFraction: number;
  zeroFraction: number;
  deadCount: number;
}

export function createLayerStats(units: number): LayerStats {
  return {
    units,
    samples: 0,
    positiveCount: new Uint32Array(units),
    preMax: new Float32Array(units),
    preRange: { min: 0, max: 0 },
    postRange: { min: 0, max: 0 },
    zeros: 0,
    inactiveFraction: 0,
    zeroFraction: 0,
    deadCount: 0,
  };
}

/** measureLayer's scratch: one object for every call, pointed at the layer's arrays each time. */
const sweep: ActivationSweep = {
  positiveCount: new Uint32Array(0),
  preMax: new Float32Array(0),
  preMin: 0,
  postMin: 0,
  postMax: 0,
  zeros: 0,
};

/**
 * `pre` and `post` are samples × units, row-major, as the layer left them.
 * Inactive means pre ≤ 0 (PyTorch's relu'(0) = 0: a unit sitting exactly at
 * zero gets no gradient either), zero means post === 0 exactly. The sweep
 * runs on `kernels` where they have one (stats-plain.ts otherwise).
 */
export function measureLayer(stats: LayerStats, pre: Float32Array, post: Float32Array, samples: number, kernels: Kernels = getKernels()): void {
  const units = stats.units;
  const positive = stats.positiveCount;
  const preMax = stats.preMax;
  sweep.positiveCount = positive;
  sweep.preMax = preMax;
  if (kernels.sweepActivations) kernels.sweepActivations(pre, post, samples, units, sweep);
  else sweepActivations(pre, post, samples, units, sweep);
  let preHigh = -Infinity;
  for (let u = 0; u < units; u++) preHigh = Math.max(preHigh, preMax[u]);
  stats.preRange.min = sweep.preMin;
  stats.preRange.max = preHigh;
  stats.postRange.min = sweep.postMin;
  stats.postRange.max = sweep.postMax;
  stats.samples = samples;
  stats.zeros = sweep.zeros;
  summarize(stats);
}

/**
 * The statistics of the samples of several measurements together (a probe
 * set measured in slices): counts added, maxima and ranges taken over all,
 * so that slices which together hold a set's samples give the same numbers,
 * bit for bit, as one measurement of the whole set.
 */
export function combineStats(into: LayerStats, parts: readonly LayerStats[]): void {
  const units = into.units;
  const positive = into.positiveCount;
  const preMax = into.preMax;
  positive.fill(0);
  preMax.fill(-Infinity);
  let samples = 0;
  let zeros = 0;
  let preMin = Infinity;
  let postMin = Infinity;
  let postMax = -Infinity;
  for (const part of parts) {
    for (let u = 0; u < units; u++) {
      positive[u] += part.positiveCount[u];
      preMax[u] = Math.max(preMax[u], part.preMax[u]);
    }
    samples += part.samples;
    zeros += part.zeros;
    preMin = Math.min(preMin, part.preRange.min);
    postMin = Math.min(postMin, part.postRange.min);
    postMax = Math.max(postMax, part.postRange.max);
  }
  let preHigh = -Infinity;
  for (let u = 0; u < units; u++) preHigh = Math.max(preHigh, preMax[u]);
  into.preRange.min = preMin;
  into.preRange.max = preHigh;
  into.postRange.min = postMin;
  into.postRange.max = postMax;
  into.samples = samples;
  into.zeros = zeros;
  summarize(into);
}

/** The fractions and the dead count from the counts. */
function summarize(stats: LayerStats): void {
  const positive = stats.positiveCount;
  let positives = 0;
  let dead = 0;
  for (let u = 0; u < stats.units; u++) {
    positives += positive[u];
    if (positive[u] === 0) dead++;
  }
  const pairs = stats.samples * stats.units;
  stats.inactiveFraction = pairs > 0 ? (pairs - positives) / pairs : 0;
  stats.zeroFraction = pairs > 0 ? stats.zeros / pairs : 0;
  stats.deadCount = stats.samples > 0 ? dead : 0;
}

/** Share of probe samples on which each unit was positive. */
export function activationRates(stats: LayerStats): Float32Array {
  const rates = new Float32Array(stats.units);
  const n = stats.samples || 1;
  for (let u = 0; u < stats.units; u++) rates[u] = stats.positiveCount[u] / n;
  return rates;
}

export function deadMask(stats: LayerStats): Uint8Array {
  const mask = new Uint8Array(stats.units);
  if (stats.samples === 0) return mask;
  for (let u = 0; u < stats.units; u++) mask[u] = stats.positiveCount[u] === 0 ? 1 : 0;
  return mask;
}

/** Indices of dead units, as in the golden data's `deadNeurons`. */
export function deadUnits(stats: LayerStats): number[] {
  const out: number[] = [];
  if (stats.samples === 0) return out;
  for (let u = 0; u < stats.units; u++) if (stats.positiveCount[u] === 0) out.push(u);
  return out;
}

/** ‖values‖₂ over the first n values, the same bits on every kernel set (see stats-plain.ts's sumSquares). */
export function l2norm(values: Float32Array, n = values.length, kernels: Kernels = getKernels()): number {
  return Math.sqrt(kernels.sumSquares ? kernels.sumSquares(values, n) : sumSquares(values, n));
}
