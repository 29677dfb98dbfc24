/** The activation-rate matrix of one layer as the heatmap shows it: units × (thinned) time columns. */
import type { DecimatedRows } from '../../history';

/** Plotly draws 256 × 2000 cells too slowly for live updates; more columns than pixels add nothing. */
export const MAX_DISPLAY_COLUMNS = 240;

/** Evenly spread record indices out of `count`, always including the first and the last. */
export function displayColumns(count: number, max = MAX_DISPLAY_COLUMNS): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const cols = new Array<number>(max);
  for (let i = 0; i < max; i++) cols[i] = Math.round((i * (count - 1)) / (max - 1));
  return cols;
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
  /** Steps of the displayed columns. */
  x: number[];
  /** z[row][column]: activation rate of unit order[row]. */
  z: number[][];
  order: number[];
}

export function unitMatrix(rows: DecimatedRows<Float32Array>, count: number, sort: 'index' | 'death'): UnitMatrix {
  const cols = displayColumns(count);
  const order = unitOrder(rows, count, sort);
  const x = cols.map((c) => rows.step(c));
  const values = rows.values;
  const w = rows.width;
  const z = order.map((u) => {
    const line = new Array<number>(cols.length);
    for (let c = 0; c < cols.length; c++) line[c] = values[cols[c] * w + u];
    return line;
  });
  return { x, z, order };
}
