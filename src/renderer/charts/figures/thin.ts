/**
 * Line charts on screen need no more points than their panel has pixels:
 * a history of 2000 records per series costs plotly several milliseconds a
 * redraw for nothing visible. Each bucket of records keeps its lowest and
 * highest point, so spikes (a loss blowing up, a layer dying at once) stay.
 * Exports are not thinned: they carry every recorded point.
 */
import type { Figure, Trace } from './types';

/** Buckets per line; two points each, about one point per pixel of a panel. */
export const SCREEN_BUCKETS = 300;

type Y = number | null;

/** The points of (x, y) a min/max thinning to `buckets` buckets keeps, in order; gaps (null) are kept as gaps. */
export function minMaxThin(x: readonly number[], y: readonly Y[], buckets = SCREEN_BUCKETS): { x: number[]; y: Y[] } {
  const n = Math.min(x.length, y.length);
  if (n <= 2 * buckets) return { x: x.slice(0, n), y: y.slice(0, n) };
  const outX: number[] = [];
  const outY: Y[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    let gap = -1;
    for (let i = from; i < to; i++) {
      const v = y[i];
      if (v === null) { if (gap < 0) gap = i; continue; }
      if (lo < 0 || v < (y[lo] as number)) lo = i;
      if (hi < 0 || v > (y[hi] as number)) hi = i;
    }
    // A gap inside a bucket stays a gap, where it was.
    const keep = [lo, hi, gap].filter((i) => i >= 0).sort((a, b2) => a - b2);
    for (let k = 0; k < keep.length; k++) {
      if (k > 0 && keep[k] === keep[k - 1]) continue;
      outX.push(x[keep[k]]);
      outY.push(y[keep[k]]);
    }
  }
  return { x: outX, y: outY };
}

/** The figure with its long line traces thinned for the screen; other traces as they are. */
export function thinForScreen(figure: Figure, buckets = SCREEN_BUCKETS): Figure {
  const data = figure.data.map((t): Trace => {
    if (t.type !== 'scatter' || !Array.isArray(t.x) || !Array.isArray(t.y) || t.x.length <= 2 * buckets) return t;
    return { ...t, ...minMaxThin(t.x as number[], t.y as Y[], buckets) };
  });
  return { ...figure, data };
}
