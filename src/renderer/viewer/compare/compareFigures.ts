/**
 * Runs overlaid, per layer: the share of never-active (dead or dormant)
 * units and the sparsity over steps. Runs that are seeds of one setting
 * form a group, drawn as its mean with a band of ± one standard deviation
 * (core/compare/table.ts's spread, as the lab's comparisons use); a group of
 * one is its line. Built as plain plotly figures, testable without a browser.
 */
import { spread } from '../../../core/compare/table';
import { compareLayout, RUN_PALETTE, SHARE_AXIS, type FigureTheme } from '../../compare/figures';

/** One run's series: its steps, and per layer the never-active share and the sparsity at each. */
export interface RunSeries {
  label: string;
  group: string;
  layerNames: string[];
  steps: number[];
  /** [layer][record] */
  neverShare: number[][];
  sparsity: number[][];
}

export type CompareMetric = 'neverShare' | 'sparsity';

export const COMPARE_METRICS: { id: CompareMetric; title: string; axis: string }[] = [
  { id: 'neverShare', title: 'Never-active units (dead or dormant), share of the layer', axis: 'never-active share' },
  { id: 'sparsity', title: 'Sparsity (share of pre-activations ≤ 0)', axis: 'sparsity' },
];

/**
 * The group of seeds a run belongs to: its name without a seed part
 * (`cnn-lr0.1-seed3`, `seed=3`, `s3` at the end, or a folder `seed3/`), so
 * the seeds of one setting share a group and different settings do not.
 */
export function seedGroup(name: string): string {
  const stripped = name
    .replace(/(^|[-_ ./,])seed[-_=]?\d+(?=$|[-_ ./,])/gi, '$1')
    .replace(/[-_ ]s\d+$/i, '')
    .replace(/[-_ ./,]{2,}/g, (m) => m[0])
    .replace(/^[-_ ./,]+|[-_ ./,]+$/g, '');
  return stripped || name;
}

/** Points of the common step grid the groups are averaged on. */
const GRID = 200;

/** The value of a series at `step`: the last record at or before it (NaN before the first). */
function valueAt(steps: readonly number[], values: readonly number[], step: number, from: { i: number }): number {
  while (from.i + 1 < steps.length && steps[from.i + 1] <= step) from.i++;
  return steps.length > 0 && steps[from.i] <= step ? values[from.i] : NaN;
}

function hexToRgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export type CompareTheme = FigureTheme;

/** The chart of one metric for layer `layer` (or the mean over the layers where 'all'). */
export function runCompareFigure(runs: readonly RunSeries[], metric: CompareMetric, layer: number | 'all', theme: CompareTheme, title: string | null = null) {
  const groups = [...new Set(runs.map((r) => r.group))];
  const valuesOf = (r: RunSeries): number[] => {
    const table = r[metric];
    if (layer !== 'all') return table[layer] ?? [];
    return r.steps.map((_, i) => {
      const present = table.filter((l) => Number.isFinite(l[i]));
      return present.length ? present.reduce((a, l) => a + l[i], 0) / present.length : NaN;
    });
  };
  const data: Record<string, unknown>[] = [];
  groups.forEach((group, g) => {
    const color = RUN_PALETTE[g % RUN_PALETTE.length];
    const members = runs.filter((r) => r.group === group);
    if (members.length === 1) {
      const r = members[0];
      data.push({ type: 'scatter', mode: 'lines', name: r.label, x: r.steps, y: valuesOf(r).map((v) => (Number.isFinite(v) ? v : null)), line: { color, width: 2 } });
      return;
    }
    const last = Math.max(...members.map((r) => (r.steps.length ? r.steps[r.steps.length - 1] : 0)));
    const first = Math.min(...members.map((r) => (r.steps.length ? r.steps[0] : 0)));
    const grid = Array.from({ length: GRID }, (_, i) => first + ((last - first) * i) / (GRID - 1));
    const cursors = members.map(() => ({ i: 0 }));
    const series = members.map(valuesOf);
    const stats = grid.map((step) => spread(members.map((r, k) => valueAt(r.steps, series[k], step, cursors[k])).filter(Number.isFinite)));
    const mean = stats.map((s) => s?.mean ?? null);
    const hi = stats.map((s) => (s ? s.mean + s.sd : null));
    const lo = stats.map((s) => (s ? s.mean - s.sd : null));
    const name = `${group} (mean ± sd of ${members.length} seeds)`;
    data.push({ type: 'scatter', mode: 'lines', x: grid, y: hi, line: { width: 0 }, hoverinfo: 'skip', showlegend: false, legendgroup: group });
    data.push({ type: 'scatter', mode: 'lines', x: grid, y: lo, fill: 'tonexty', fillcolor: hexToRgba(color, 0.2), line: { width: 0 }, hoverinfo: 'skip', showlegend: false, legendgroup: group });
    data.push({ type: 'scatter', mode: 'lines', name, x: grid, y: mean, line: { color, width: 2 }, legendgroup: group });
  });
  const spec = COMPARE_METRICS.find((m) => m.id === metric)!;
  return { data, layout: compareLayout(theme, title, { title: { text: 'step' } }, { title: { text: spec.axis }, ...SHARE_AXIS }) };
}
