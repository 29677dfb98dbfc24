/** Histogram arithmetic: bin geometry and resampling onto a common grid (for the over-time view). */
import type { HistogramSnapshot } from '../../history';
import type { Trace } from './types';

/** Bin centres and width of equal-width bins over [min, max]. */
export function binCenters(h: { min: number; max: number; counts: ArrayLike<number> }): { x: number[]; width: number } {
  const bins = h.counts.length;
  const width = bins > 0 && h.max > h.min ? (h.max - h.min) / bins : 1;
  const x = new Array<number>(bins);
  for (let b = 0; b < bins; b++) x[b] = h.min + (b + 0.5) * width;
  return { x, width };
}

export interface HistogramOutline {
  /** Left bin edges, then the right edge of the last bin. */
  x: number[];
  /** Each bin's count, the last one repeated for the closing edge. */
  y: number[];
  /** Hover text per point: the bin's range and count. */
  text: string[];
}

/**
 * A histogram as one filled step line ('hv' from each left edge): the same
 * picture as bars, but one path for plotly to draw instead of a shape per bin,
 * which live charts redraw 20 times a second. A histogram of one repeated
 * value (min = max, e.g. the all-zero outputs of a dead layer) is one narrow step there.
 */
export function histogramOutline(h: { min: number; max: number; counts: ArrayLike<number> }): HistogramOutline {
  const bins = h.counts.length;
  if (!(h.max > h.min)) {
    let total = 0;
    for (let b = 0; b < bins; b++) total += h.counts[b];
    const half = Math.max(Math.abs(h.min) * 0.05, 0.05) / 2;
    const text = `${fmt(h.min)}: ${total}`;
    return { x: [h.min - half, h.min + half], y: [total, total], text: [text, text] };
  }
  const width = (h.max - h.min) / bins;
  const x = new Array<number>(bins + 1);
  const y = new Array<number>(bins + 1);
  const text = new Array<string>(bins + 1);
  for (let b = 0; b < bins; b++) {
    x[b] = h.min + b * width;
    y[b] = h.counts[b];
    text[b] = `[${fmt(x[b])}, ${fmt(x[b] + width)}): ${h.counts[b]}`;
  }
  x[bins] = h.max;
  y[bins] = y[bins - 1];
  text[bins] = text[bins - 1];
  return { x, y, text };
}

const fmt = (v: number): string => Number(v.toPrecision(3)).toString();

/** The scatter trace that draws a histogram outline filled to zero. */
export function histogramTrace(h: { min: number; max: number; counts: ArrayLike<number> }, style: { name: string; color: string; opacity: number }): Trace {
  const { x, y, text } = histogramOutline(h);
  return {
    type: 'scatter', mode: 'lines', name: style.name, x, y, text,
    line: { shape: 'hv', color: style.color, width: 1 }, fill: 'tozeroy', opacity: style.opacity,
    hovertemplate: '%{text}<extra>%{fullData.name}</extra>',
  };
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
