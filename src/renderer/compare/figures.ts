/**
 * The comparison's overlaid charts as plain plotly figures (testable without
 * a browser), one color per value: each run's line when a value has one
 * seed, the mean over its seeds with a ± sd band when it has several.
 */
import type { RunResult } from '../../core/compare/runner';
import type { MetricsRecord } from '../../core/train/trainer';
import { spread } from '../../core/compare/table';
import { LOG_AXIS } from '../charts/figures/theme';

export type Trace = Record<string, unknown>;
export interface Figure {
  data: Trace[];
  layout: Record<string, unknown>;
}

/** Okabe–Ito: colour-blind safe, as the instruments use. */
export const RUN_PALETTE = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

export type CompareChartId = 'sparsity' | 'dead' | 'loss' | 'accuracy' | 'gradient-flow';

export const COMPARE_CHARTS: { id: CompareChartId; title: string }[] = [
  { id: 'dead', title: 'Dead / dormant units (share of all hidden units)' },
  { id: 'loss', title: 'Loss (training batch)' },
  { id: 'accuracy', title: 'Test accuracy' },
  { id: 'sparsity', title: 'Sparsity (share of inactive pre-activations, all hidden layers)' },
  { id: 'gradient-flow', title: 'Gradient flow at the first record (‖dLoss/dW‖ per layer)' },
];

export function runColor(valueIndex: number): string {
  return RUN_PALETTE[valueIndex % RUN_PALETTE.length];
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
  // Several seeds per value: each value's mean, with its spread (± 1 sd) as a band; one seed: each run as it went.
  const data = seedsPerValue > 1 ? meanTraces(id, results) : results.map((r) => runTrace(id, r, { color: runColor(r.valueIndex), width: 2 }, r.label));
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

/** What a chart plots of one run: x and y. */
function runSeries(id: CompareChartId, r: RunResult): { x: number[]; y: (number | null)[] } {
  if (id === 'gradient-flow') {
    const first = r.records[0];
    return { x: first ? first.layers.map((l) => l.index + 1) : [], y: first ? first.layers.map((l) => (l.gradNorm > 0 ? l.gradNorm : null)) : [] };
  }
  return { x: r.records.map((rec) => rec.step), y: seriesOf(r, id) };
}

function runTrace(id: CompareChartId, r: RunResult, line: Record<string, unknown>, name: string): Trace {
  return { type: 'scatter', mode: id === 'gradient-flow' ? 'lines+markers' : 'lines', name, line, ...runSeries(id, r) };
}

/**
 * Per value: the mean over its seeds at each x, and a band of ± 1 sd (a
 * lower edge and an upper edge filled to it, out of the legend). On a log
 * axis the band stops at the lowest seed where mean − sd would go below it.
 */
function meanTraces(id: CompareChartId, results: readonly RunResult[]): Trace[] {
  const values = [...new Set(results.map((r) => r.valueIndex))].sort((a, b) => a - b);
  return values.flatMap((v) => {
    const runs = results.filter((r) => r.valueIndex === v);
    const color = runColor(v);
    const series = runs.map((r) => runSeries(id, r));
    // Runs of a value share their x (steps or layers); a diverged run ends early, and the rest go on.
    const x = series.reduce((a, s) => (s.x.length > a.length ? s.x : a), [] as number[]);
    const mean: (number | null)[] = [];
    const low: (number | null)[] = [];
    const high: (number | null)[] = [];
    x.forEach((_, i) => {
      const ys = series.map((s) => s.y[i]).filter((y): y is number => y !== null && y !== undefined && Number.isFinite(y));
      const m = spread(ys);
      mean.push(m ? m.mean : null);
      low.push(m ? (id === 'loss' || id === 'gradient-flow' ? Math.max(m.mean - m.sd, Math.min(...ys)) : m.mean - m.sd) : null);
      high.push(m ? m.mean + m.sd : null);
    });
    const name = `${runs[0].label} (mean ± sd of ${runs.length} seeds)`;
    return meanBandTraces({ name, group: String(v), color, x, mean, low, high, markers: id === 'gradient-flow' });
  });
}

export interface MeanBand {
  /** The legend's entry (the mean's); the band's edges stay out of the legend. */
  name: string;
  group: string;
  color: string;
  x: number[];
  mean: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
  markers?: boolean;
}

/**
 * A mean over seeds with a band of ± 1 sd, as every comparison draws one
 * (the lab's and the run viewer's): the upper edge, the lower edge filled
 * up to it, then the mean's line.
 */
export function meanBandTraces(b: MeanBand): Trace[] {
  const edge = { type: 'scatter', mode: 'lines', x: b.x, line: { width: 0 }, hoverinfo: 'skip', showlegend: false, legendgroup: b.group };
  return [
    { ...edge, y: b.high },
    { ...edge, y: b.low, fill: 'tonexty', fillcolor: withAlpha(b.color, 0.2) },
    { type: 'scatter', mode: b.markers ? 'lines+markers' : 'lines', name: b.name, x: b.x, y: b.mean, line: { color: b.color, width: 2 }, legendgroup: b.group },
  ];
}

/** #rrggbb with an opacity, as plotly's fills take it. */
function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function countBy(keys: number[]): number[] {
  const counts = new Map<number, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.values()];
}
