/**
 * Where things go on the network drawing: one column per layer (inputs,
 * hidden layers, output), units spread vertically and centred, wide layers
 * as a band of thin cells.
 */
import { drawsAsBand } from './unitState';

/**
 * A hidden layer's column is at least this wide (its card's selects still
 * read "he-normal", "leaky-relu"): the default network and the three-layer
 * lessons fit the centre of a 1024 px window without scrolling sideways.
 */
export const COLUMN_MIN_WIDTH = 104;
/** Input and output columns carry no controls: they can be narrower than hidden layers. */
export const IO_COLUMN_WIDTH = 76;
const UNIT_SPACING = 34;
const MIN_UNIT_SPACING = 14;
export const UNIT_RADIUS = 10;
const TOP = 18;
const BOTTOM = 26;

export interface ColumnGeometry {
  x: number;
  units: number;
  band: boolean;
  /** Circles: centre y of each unit. Bands: top y of each cell (cell height `cell`). */
  y: Float64Array;
  cell: number;
  top: number;
  height: number;
}

export interface NetworkGeometry {
  width: number;
  height: number;
  /** Per column: its width (inputs and output narrower than hidden layers). */
  columnWidths: number[];
  columns: ColumnGeometry[];
}

/** `sizes` lists units per column (inputs first, output last); the drawing fills `width` × `height`. */
export function networkGeometry(sizes: number[], width: number, height: number): NetworkGeometry {
  const hidden = Math.max(1, sizes.length - 2);
  // Whole pixels: a fraction over the visible width would bring a sideways scrollbar for nothing.
  const hiddenWidth = Math.max(COLUMN_MIN_WIDTH, Math.floor((width - 2 * IO_COLUMN_WIDTH) / hidden));
  const columnWidths = sizes.map((_, c) => (c === 0 || c === sizes.length - 1 ? IO_COLUMN_WIDTH : hiddenWidth));
  const totalWidth = columnWidths.reduce((a, b) => a + b, 0);
  const usable = Math.max(120, height - TOP - BOTTOM);
  const maxCircles = Math.max(1, ...sizes.filter((n) => !drawsAsBand(n)));
  const spacing = Math.max(MIN_UNIT_SPACING, Math.min(UNIT_SPACING, usable / maxCircles));
  const tallest = Math.max(...sizes.map((n) => (drawsAsBand(n) ? usable : n * spacing)));
  const drawHeight = Math.max(height, tallest + TOP + BOTTOM);
  const mid = TOP + (drawHeight - TOP - BOTTOM) / 2;
  let left = 0;
  const columns = sizes.map((units, c): ColumnGeometry => {
    const x = left + columnWidths[c] / 2;
    left += columnWidths[c];
    const band = drawsAsBand(units);
    const span = band ? usable : units * spacing;
    const top = mid - span / 2;
    const cell = band ? span / units : spacing;
    const y = new Float64Array(units);
    for (let u = 0; u < units; u++) y[u] = band ? top + u * cell : top + (u + 0.5) * spacing;
    return { x, units, band, y, cell, top, height: span };
  });
  return { width: totalWidth, height: drawHeight, columnWidths, columns };
}

/** The y where links meet a unit (a band cell's middle). */
export function anchorY(col: ColumnGeometry, unit: number): number {
  return col.band ? col.y[unit] + col.cell / 2 : col.y[unit];
}
