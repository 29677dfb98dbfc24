/** The plain-object figures handed to plotly; built without plotly so they are testable in Node. */
import type { RunHistory } from '../../history';

export type Trace = Record<string, unknown>;
export type Layout = Record<string, unknown>;

export interface Figure {
  data: Trace[];
  layout: Layout;
}

export type ChartId = 'loss' | 'sparsity' | 'dead-heatmap' | 'histograms' | 'gradient-flow' | 'weights';

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  paper: string;
  plot: string;
  palette: readonly string[];
  font: string;
}

export interface ChartOptions {
  /** Dead heatmap and histograms: a hidden layer index, or all layers stacked. */
  layer: number | 'all';
  sortUnits: 'index' | 'death';
  histogramMode: 'snapshot' | 'time';
  logCounts: boolean;
}

export const DEFAULT_OPTIONS: ChartOptions = { layer: 'all', sortUnits: 'index', histogramMode: 'snapshot', logCounts: false };

/** What a chart panel shows: which chart, up to which step, with which view options (what its exports reproduce). */
export interface ChartView {
  chart: ChartId;
  /** Infinity when following the run live. */
  upto: number;
  options: ChartOptions;
}

export interface FigureInput {
  history: RunHistory;
  /** Last step shown: Infinity follows the run live, a step shows the run as it was then. */
  upto: number;
  options: ChartOptions;
  theme: ChartTheme;
  /** Set for exports: the figure carries its own title (chart name and experiment). */
  title: string | null;
}
