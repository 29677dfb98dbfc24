/** The activation-rate matrix of one layer as the heatmap shows it: units × (thinned) time columns. */
import type { DecimatedRows } from '../../history';

/** More columns than a panel has pixels add nothing but drawing time. */
export const MAX_DISPLAY_COLUMNS = 240;
/** On screen the heatmap redraws 20 times a second, every cell coloured and encoded each time (rateImage.ts). */
export const SCREEN_COLUMNS = 64;

export interface DisplayColumns {
  /** Step of each displayed column. */
  x: number[];
  /** The record each column shows. */
  records: number[];
}

function evenlySpaced(step: (i: number) => number, count: number): boolean {
  if (count < 3) return true;
  const d = (step(count - 1) - step(0)) / (count - 1);
  for (let i = 1; i < count; i++) if (Math.abs(step(i) - step(i - 1) - d) > Math.abs(d) / 100) return false;
  return true;
}

/**
 * Columns on an even step grid, each showing the latest record at or before
 * its step. Even spacing lets plotly paint the heatmap as one image instead
 * of a rectangle per cell (frames arrive at irregular steps), and time reads
 * proportionally. Records already evenly spaced and few enough are shown as they are.
 */
export function displayColumns(step: (i: number) => number, count: number, max = MAX_DISPLAY_COLUMNS): DisplayColumns {
  if (count === 0) return { x: [], records: [] };
  if (count <= max && evenlySpaced(step, count)) {
    const records = Array.from({ length: count }, (_, i) => i);
    return { x: records.map(step), records };
  }
  const first = step(0);
  const last = step(count - 1);
  const x = new Array<number>(max);
  const records = new Array<number>(max);
  let r = 0;
  for (let c = 0; c < max; c++) {
    const s = c === max - 1 ? last : first + (c * (last - first)) / (max - 1);
    while (r + 1 < count && step(r + 1) <= s) r++;
    x[c] = s;
    records[c] = r;
  }
  return { x, records };
}

/** Steps between two of the even grid's columns: 1 for a single column, a cell's width in a heatmap. */
export function columnStep(x: readonly number[]): number {
  return x.length > 1 ? (x[x.length - 1] - x[0]) / (x.length - 1) : 1;
}

/**
 * The step from which unit `u` stayed dead (rate 0) through the last of
 * `count` records, or Infinity if it is alive at the end.
 */
export function deathStep(rows: DecimatedRows<Float32Array>, count: number, unit: number): number {
  let r = count - 1;
  while (r >= 0 && rows.value(r, unit) === 0) r--;
  return r === count - 1 ? Infinity : rows.step(r + 1);
}

/** Unit indices top to bottom: by index, or earliest death first (alive units after, by index). */
export function unitOrder(rows: DecimatedRows<Float32Array>, count: number, sort: 'index' | 'death'): number[] {
  const units = Array.from({ length: rows.width }, (_, i) => i);
  if (sort === 'index' || count === 0) return units;
  const death = units.map((u) => deathStep(rows, count, u));
  return units.sort((a, b) => (death[a] === death[b] ? a - b : death[a] - death[b]));
}

export interface UnitMatrix {
  /** Steps of the displayed columns (an even grid). */
  x: number[];
  /** z[row][column]: activation rate of unit order[row]. */
  z: number[][];
  order: number[];
}

export function unitMatrix(rows: DecimatedRows<Float32Array>, count: number, sort: 'index' | 'death', columns = MAX_DISPLAY_COLUMNS): UnitMatrix {
  const { x, records } = displayColumns((i) => rows.step(i), count, columns);
  const order = unitOrder(rows, count, sort);
  const values = rows.values;
  const w = rows.width;
  const z = order.map((u) => {
    const line = new Array<number>(records.length);
    for (let c = 0; c < records.length; c++) line[c] = values[records[c] * w + u];
    return line;
  });
  return { x, z, order };
}
