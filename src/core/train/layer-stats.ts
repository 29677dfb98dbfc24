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
    inactiveFraction: 0,
    zeroFraction: 0,
    deadCount: 0,
  };
}

/**
 * `pre` and `post` are samples × units, row-major, as the layer left them.
 * Inactive means pre ≤ 0 (PyTorch's relu'(0) = 0: a unit sitting exactly at
 * zero gets no gradient either), zero means post === 0 exactly.
 */
export function measureLayer(stats: LayerStats, pre: Float32Array, post: Float32Array, samples: number): void {
  const units = stats.units;
  const positive = stats.positiveCount;
  const preMax = stats.preMax;
  positive.fill(0);
  preMax.fill(-Infinity);
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
  let preHigh = -Infinity;
  for (let u = 0; u < units; u++) preHigh = Math.max(preHigh, preMax[u]);
  stats.preRange.min = preMin;
  stats.preRange.max = preHigh;
  stats.postRange.min = postMin;
  stats.postRange.max = postMax;
  let positives = 0;
  let dead = 0;
  for (let u = 0; u < units; u++) {
    positives += positive[u];
    if (positive[u] === 0) dead++;
  }
  const pairs = samples * units;
  stats.samples = samples;
  stats.inactiveFraction = pairs > 0 ? (pairs - positives) / pairs : 0;
  stats.zeroFraction = pairs > 0 ? zeros / pairs : 0;
  stats.deadCount = samples > 0 ? dead : 0;
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

/** Four running sums: one sum's add latency would otherwise bound the loop (it runs on 200k weights per step). */
export function l2norm(values: Float32Array, n = values.length): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a = values[i], b = values[i + 1], c = values[i + 2], d = values[i + 3];
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
  }
  for (; i < n; i++) s0 += values[i] * values[i];
  return Math.sqrt(s0 + s1 + (s2 + s3));
}

