/** Histogram arithmetic: bin geometry and resampling onto a common grid (for the over-time view). */
import type { HistogramSnapshot } from '../../history';

/** Bin centres and width of equal-width bins over [min, max]. */
export function binCenters(h: { min: number; max: number; counts: ArrayLike<number> }): { x: number[]; width: number } {
  const bins = h.counts.length;
  const width = bins > 0 && h.max > h.min ? (h.max - h.min) / bins : 1;
  const x = new Array<number>(bins);
  for (let b = 0; b < bins; b++) x[b] = h.min + (b + 0.5) * width;
  return { x, width };
}

export interface Bars {
  x: number[];
  y: number[];
  width: number;
}

/** Bars for plotly; a histogram of one repeated value (min = max, e.g. all-zero outputs of a dead layer) is one bar there. */
export function histogramBars(h: { min: number; max: number; counts: ArrayLike<number> }): Bars {
  if (!(h.max > h.min)) {
    let total = 0;
    for (let b = 0; b < h.counts.length; b++) total += h.counts[b];
    return { x: [h.min], y: [total], width: Math.max(Math.abs(h.min) * 0.05, 0.05) };
  }
  const { x, width } = binCenters(h);
  return { x, y: Array.from(h.counts), width };
}

export function binEdges(h: { min: number; max: number; counts: ArrayLike<number> }, bin: number): [number, number] {
  const w = (h.max - h.min) / h.counts.length;
  return [h.min + bin * w, bin === h.counts.length - 1 ? h.max : h.min + (bin + 1) * w];
}

export interface Grid {
  min: number;
  max: number;
  bins: number;
}

/** One grid covering every snapshot's range. */
export function commonGrid(snapshots: HistogramSnapshot[], bins: number): Grid {
  let min = Infinity;
  let max = -Infinity;
  for (const s of snapshots) {
    if (s.min < min) min = s.min;
    if (s.max > max) max = s.max;
  }
  if (!(max > min)) {
    const c = Number.isFinite(min) ? min : 0;
    return { min: c - 0.5, max: c + 0.5, bins };
  }
  return { min, max, bins };
}

/**
 * Spreads each source bin's count over the grid bins it overlaps, in
 * proportion to the overlap (counts are assumed uniform inside a bin), so
 * the total count is preserved.
 */
export function resample(h: HistogramSnapshot, grid: Grid, out: Float64Array = new Float64Array(grid.bins)): Float64Array {
  out.fill(0);
  const gw = (grid.max - grid.min) / grid.bins;
  const n = h.counts.length;
  const sw = (h.max - h.min) / n;
  const clampBin = (v: number) => Math.min(grid.bins - 1, Math.max(0, Math.floor((v - grid.min) / gw)));
  for (let b = 0; b < n; b++) {
    const c = h.counts[b];
    if (c === 0) continue;
    if (!(sw > 0)) {
      out[clampBin(h.min)] += c;
      continue;
    }
    const lo = h.min + b * sw;
    const hi = lo + sw;
    const first = clampBin(lo);
    const last = clampBin(hi - sw * 1e-9);
    for (let g = first; g <= last; g++) {
      const gl = grid.min + g * gw;
      const overlap = Math.min(hi, gl + gw) - Math.max(lo, gl);
      if (overlap > 0) out[g] += (c * overlap) / sw;
    }
  }
  return out;
}
