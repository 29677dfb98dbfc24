/**
 * The comparison's overlaid charts as plain plotly figures (testable without
 * a browser): one trace per run, one color per value, seeds of a value in
 * the same color with their own dash.
 */
import type { RunResult } from '../../core/compare/runner';
import type { MetricsRecord } from '../../core/train/trainer';
import { LOG_AXIS } from '../charts/figures/theme';

export type Trace = Record<string, unknown>;
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
}

/** Okabe–Ito: colour-blind safe, as the instruments use. */
export const RUN_PALETTE = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot', 'solid', 'dash', 'dot', 'dashdot'];

export type CompareChartId = 'sparsity' | 'dead' | 'loss' | 'accuracy' | 'gradient-flow';

export const COMPARE_CHARTS: { id: CompareChartId; title: string }[] = [
  { id: 'loss', title: 'Loss (training batch)' },
  { id: 'accuracy', title: 'Test accuracy' },
  { id: 'sparsity', title: 'Sparsity (share of inactive pre-activations, all hidden layers)' },
  { id: 'dead', title: 'Dead / dormant units (share of all hidden units)' },
  { id: 'gradient-flow', title: 'Gradient flow at the first record (‖dLoss/dW‖ per layer)' },
];

export function runColor(valueIndex: number): string {
  return RUN_PALETTE[valueIndex % RUN_PALETTE.length];
}

function runName(r: RunResult, seedsPerValue: number): string {
  return seedsPerValue > 1 ? `${r.label} (seed ${r.seed})` : r.label;
}

function weightedMean(record: MetricsRecord, units: number[], pick: (l: MetricsRecord['layers'][number]) => number): number | null {
  let sum = 0;
  let total = 0;
  record.layers.forEach((l, i) => {
    sum += pick(l) * units[i];
    total += units[i];
  });
  return total > 0 ? sum / total : null;
}

function seriesOf(r: RunResult, id: Exclude<CompareChartId, 'gradient-flow'>): (number | null)[] {
  const units = r.summary.layers.map((l) => l.units);
  return r.records.map((rec) => {
    switch (id) {
      case 'loss':
        return Number.isFinite(rec.loss) ? rec.loss : null;
      case 'accuracy':
        return rec.testAccuracy ?? rec.accuracy ?? null;
      case 'sparsity':
        return weightedMean(rec, units, (l) => l.inactiveFraction);
      case 'dead': {
        const total = units.reduce((a, b) => a + b, 0);
        return total > 0 ? rec.layers.reduce((a, l) => a + l.deadCount, 0) / total : null;
      }
    }
  });
}

export interface FigureTheme {
  text: string;
  grid: string;
  paper: string;
}

export function compareFigure(id: CompareChartId, results: readonly RunResult[], theme: FigureTheme, title: string | null = null): Figure {
  const seedsPerValue = Math.max(1, ...countBy(results.map((r) => r.valueIndex)));
  const seedRank = new Map<RunResult, number>();
  const seen = new Map<number, number>();
  for (const r of results) {
    const k = seen.get(r.valueIndex) ?? 0;
    seedRank.set(r, k);
    seen.set(r.valueIndex, k + 1);
  }
  const data: Trace[] = results.map((r) => {
    const line = { color: runColor(r.valueIndex), width: 2, dash: DASHES[seedRank.get(r)! % DASHES.length] };
    if (id === 'gradient-flow') {
      const first = r.records[0];
      return {
        type: 'scatter', mode: 'lines+markers', name: runName(r, seedsPerValue), line,
        x: first ? first.layers.map((l) => l.index + 1) : [],
        y: first ? first.layers.map((l) => (l.gradNorm > 0 ? l.gradNorm : null)) : [],
      };
    }
    return { type: 'scatter', mode: 'lines', name: runName(r, seedsPerValue), line, x: r.records.map((rec) => rec.step), y: seriesOf(r, id) };
  });
  const yAxis: Record<string, unknown> = {};
  if (id === 'gradient-flow' || id === 'loss') Object.assign(yAxis, LOG_AXIS);
  if (id === 'sparsity' || id === 'dead' || id === 'accuracy') Object.assign(yAxis, SHARE_AXIS);
  return {
    data,
    layout: compareLayout(theme, title, { title: { text: id === 'gradient-flow' ? 'hidden layer' : 'step' }, ...(id === 'gradient-flow' ? { dtick: 1 } : {}) }, yAxis),
  };
}

/** The comparison charts' colours on screen, per app theme (exports use the light one). */
export const COMPARE_THEMES: Record<'dark' | 'light', FigureTheme> = {
  dark: { text: '#e3e7ee', grid: '#2d3440', paper: 'rgba(0,0,0,0)' },
  light: { text: '#1e2530', grid: '#e3e6ec', paper: '#ffffff' },
};

/** A y axis of shares, 0 to 100 %. */
export const SHARE_AXIS = { range: [0, 1], tickformat: '.0%' };

/** The layout every comparison chart shares (the lab's comparisons and the viewer's): runs overlaid, the legend on top. */
export function compareLayout(theme: FigureTheme, title: string | null, xAxis: Record<string, unknown>, yAxis: Record<string, unknown>): Record<string, unknown> {
  const axis = { gridcolor: theme.grid, zerolinecolor: theme.grid, linecolor: theme.grid, automargin: true };
  return {
    ...(title ? { title: { text: title, font: { size: 14 }, x: 0.02, xanchor: 'left' } } : {}),
    paper_bgcolor: theme.paper,
    plot_bgcolor: theme.paper,
    font: { color: theme.text, size: 11 },
    margin: { l: 50, r: 10, t: title ? 60 : 28, b: 36 },
    xaxis: { ...axis, ...xAxis },
    yaxis: { ...axis, ...yAxis },
    showlegend: true,
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom' },
  };
}

function countBy(keys: number[]): number[] {
  const counts = new Map<number, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.values()];
}
