/// <reference types="vite/client" />
/**
 * A typed face for the parts of plotly.js we call. The bundle (1.5 MB) is
 * loaded on first use so the app window opens without waiting for it.
 */
// The bundle as a file of the build, emitted once: the charts run it as a
// script, and the HTML report inlines its text (export/report.ts). Imported
// as a module as well, it was emitted twice (a module and a text copy).
import plotlyUrl from 'plotly.js-cartesian-dist-min/plotly-cartesian.min.js?url';
import type { Figure, Layout, Trace } from './figures/types';

/** A point in a graph's data coordinates: x on the x axis, y on the y axis `yaxis` ('y', 'y2', …). */
export interface PlotPoint {
  x: number;
  y: number;
  yaxis: string;
}

/** What plotly's full layout holds of an axis (private fields of plotly.js 4). */
interface PlottedAxis {
  _id: string;
  /** Where the axis starts in the graph div, and its length, in px. */
  _offset: number;
  _length: number;
  /** px from the axis's start → data. */
  p2d(px: number): number;
}

export interface PlotlyGraphDiv extends HTMLDivElement {
  data?: Trace[];
  layout?: Layout;
  /** plotly's own: the config it drew with, and what it learnt of the div. */
  _context?: Record<string, unknown>;
  _fullLayout?: Record<string, unknown>;
}

export interface ImageOptions {
  format: 'png' | 'svg';
  width: number;
  height: number;
  scale: number;
}

export interface PlotlyApi {
  react(div: HTMLElement, data: Trace[], layout: Layout, config?: Record<string, unknown>): Promise<PlotlyGraphDiv>;
  purge(div: HTMLElement): void;
  toImage(figure: Figure & { config?: Record<string, unknown> }, options: ImageOptions): Promise<string>;
  Plots: { resize(div: HTMLElement): void };
}

let loading: Promise<PlotlyApi> | null = null;

/** Runs plotly's bundle as a classic script (it sets `window.Plotly`), once. */
export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= new Promise<PlotlyApi>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = plotlyUrl;
    script.onload = () => {
      const plotly = (window as { Plotly?: PlotlyApi }).Plotly;
      if (plotly) resolve(plotly);
      else reject(new Error(`${plotlyUrl} ran but did not define Plotly`));
    };
    script.onerror = () => {
      loading = null;
      reject(new Error(`could not load the charts' library (${plotlyUrl})`));
    };
    document.head.append(script);
  });
  return loading;
}

/** The plotly bundle as text, fetched only when a report is made (the same file the charts run). */
export async function plotlyBundleText(): Promise<string> {
  const response = await fetch(plotlyUrl);
  if (!response.ok) throw new Error(`could not read the charts' library (${plotlyUrl}): HTTP ${response.status}`);
  return response.text();
}

/**
 * Every full redraw, plotly reads the graph div's clientHeight and clientWidth
 * to note whether the div ever had zero size (`_hasZeroHeight`, read as "size
 * the container in px, not 100 %"), until the note is set. Only `responsive`
 * graphs look at it, and ours are sized by their panels and always in px. Yet
 * the read forces a style and layout pass of the whole page in the middle of
 * the draw: ~2 ms of each histograms redraw, while the heatmap's changes are
 * still pending. Setting the note skips the read. (Private fields of plotly.js
 * 4; if a later version drops them, graphs only get the read back.) It holds
 * while the config is not given again: see PlotlyGraph.
 */
export function sizeKnown(div: PlotlyGraphDiv): void {
  if (!div._context || GRAPH_CONFIG.responsive) return;
  div._context._hasZeroHeight = true;
  div._context._hasZeroWidth = true;
}

/**
 * The data coordinates under a pointer, on the subplot it is over; null
 * outside every plot area. For pictures that are not traces (layout images),
 * over which plotly reports neither hovers nor clicks.
 */
export function pointerData(div: PlotlyGraphDiv, event: { clientX: number; clientY: number }): PlotPoint | null {
  const layout = div._fullLayout;
  const xa = layout?.xaxis as PlottedAxis | undefined;
  if (!layout || !xa) return null;
  const box = div.getBoundingClientRect();
  const px = event.clientX - box.left - xa._offset;
  const py = event.clientY - box.top;
  if (px < 0 || px > xa._length) return null;
  for (const key of Object.keys(layout)) {
    const ya = layout[key] as PlottedAxis;
    if (/^yaxis\d*$/.test(key) && py >= ya._offset && py <= ya._offset + ya._length) return { x: xa.p2d(px), y: ya.p2d(py - ya._offset), yaxis: ya._id };
  }
  return null;
}

/**
 * No plotly mode bar: it was drawn over the top right of the plot area
 * (hiding the loss curve's start and the accuracy axis's "1"), and every
 * chart's own header has the exports. Drag still zooms, and a double click
 * goes back to the whole range.
 */
export const GRAPH_CONFIG = {
  displaylogo: false,
  displayModeBar: false,
  responsive: false,
};

/** The same for charts that follow their box's size (comparisons, the born-dead grid). */
export const RESPONSIVE_GRAPH_CONFIG = { ...GRAPH_CONFIG, responsive: true };
