/**
 * A typed face for the parts of plotly.js we call. The bundle (1.5 MB) is
 * loaded on first use so the app window opens without waiting for it.
 */
import type { Figure, Layout, Trace } from './figures/types';

export interface PlotlyClickPoint {
  x: unknown;
  y: unknown;
  z?: unknown;
  curveNumber: number;
  /** Heatmaps: [row, column]. */
  pointIndex: number | [number, number];
}

export interface PlotlyGraphDiv extends HTMLDivElement {
  data?: Trace[];
  layout?: Layout;
  on(event: 'plotly_click', handler: (event: { points: PlotlyClickPoint[] }) => void): void;
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

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-cartesian-dist-min').then((m) => ((m as { default?: unknown }).default ?? m) as PlotlyApi);
  return loading;
}

export const GRAPH_CONFIG = {
  displaylogo: false,
  responsive: false,
  modeBarButtonsToRemove: ['toImage', 'lasso2d', 'select2d', 'autoScale2d'],
};
