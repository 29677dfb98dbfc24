/**
 * Activation histograms of one hidden layer: pre-activation (zero cut-off
 * marked: everything left of it is inactive) and post-activation, either at
 * the current step or over time as a density heatmap of the snapshots.
 */
import type { HistogramKind, RunHistory } from '../../history';
import { binCenters, commonGrid, histogramTrace, resample } from './histogramBins';
import { axis, baseLayout, layerColor, layerName } from './theme';
import type { ChartTheme, Figure, FigureInput, Layout, Trace } from './types';

const GRID_BINS = 48;

export function histogramLayer(history: RunHistory, layer: number | 'all'): number {
  // -1 when there are no layers yet.
  return Math.min(layer === 'all' ? 0 : layer, history.layers.length - 1);
}

/**
 * The zero cut-off, marked by the value axis's own zero line drawn over the
 * histograms: a layout shape costs plotly ~10 % more per redraw.
 */
const ZERO_CUTOFF: Layout = { zeroline: true, zerolinecolor: '#e5636b', zerolinewidth: 1.5, zerolinelayer: 'above traces' };

export function histogramsFigure(input: FigureInput): Figure {
  return input.options.histogramMode === 'time' ? overTimeFigure(input) : snapshotFigure(input);
}

function snapshotFigure({ history, upto, options, theme, title }: FigureInput): Figure {
  const l = histogramLayer(history, options.layer);
  const data: Trace[] = [];
  const color = layerColor(theme, Math.max(0, l));
  let step: number | null = null;
  (['pre', 'post'] as HistogramKind[]).forEach((kind, k) => {
    const h = l >= 0 ? history.histogramAt(l, kind, upto) : null;
    if (!h) return;
    step = h.step;
    data.push({
      ...histogramTrace(h, { name: kind === 'pre' ? 'pre-activation' : 'post-activation', color: kind === 'pre' ? color : theme.muted, opacity: 0.85 }),
      xaxis: k === 0 ? 'x' : 'x2', yaxis: k === 0 ? 'y' : 'y2',
    });
  });
  const countAxis = (t: string, extra: Layout) => axis(theme, t, { type: options.logCounts ? 'log' : 'linear', ...extra });
  const label = l >= 0 ? layerName(history.layers[l], true) : '';
  const counts = options.logCounts ? 'count (log)' : 'count';
  const onScreen = title === null;
  return {
    data,
    layout: baseLayout(theme, title, {
      // On screen the axis titles name the two histograms, and the step goes in
      // the count axis's (a legend and a note are more text for plotly to lay
      // out on every redraw); the layer is in the panel's own selector. Each x
      // title has half the panel's width.
      xaxis: axis(theme, onScreen ? 'pre-activation' : `pre-activation · ${label}`, { domain: [0, 0.47], anchor: 'y', ...ZERO_CUTOFF }),
      yaxis: countAxis(onScreen && step !== null ? `${counts} at step ${step}` : counts, { anchor: 'x' }),
      xaxis2: axis(theme, 'post-activation', { domain: [0.53, 1], anchor: 'y2' }),
      yaxis2: countAxis('', { anchor: 'x2' }),
      hovermode: 'closest',
      annotations: step === null || title === null ? [] : [stepNote(theme, step)],
      ...(title === null ? { showlegend: false } : {}),
    }),
  };
}

function stepNote(theme: ChartTheme, step: number): Layout {
  return { text: `step ${step}`, showarrow: false, xref: 'paper', yref: 'paper', x: 1, y: 1, xanchor: 'right', yanchor: 'bottom', font: { size: 10, color: theme.muted } };
}

/** Like TensorBoard's distributions: x = step, y = value, colour = how many values fall there. */
function overTimeFigure({ history, upto, options, theme, title }: FigureInput): Figure {
  const l = histogramLayer(history, options.layer);
  const n = l >= 0 ? Math.min(history.snapshotCount(l), countSnapshots(history, l, upto)) : 0;
  const data: Trace[] = [];
  const layout: Layout = {};
  (['pre', 'post'] as HistogramKind[]).forEach((kind, k) => {
    const snaps = Array.from({ length: n }, (_, i) => history.histogram(l, kind, i));
    const grid = commonGrid(snaps, GRID_BINS);
    const centers = binCenters({ min: grid.min, max: grid.max, counts: new Array(grid.bins) }).x;
    const z: number[][] = centers.map(() => new Array<number>(n));
    const column = new Float64Array(grid.bins);
    snaps.forEach((s, c) => {
      resample(s, grid, column);
      for (let b = 0; b < grid.bins; b++) z[b][c] = options.logCounts ? Math.log10(1 + column[b]) : column[b];
    });
    const yKey = k === 0 ? 'y' : 'y2';
    data.push({
      type: 'heatmap', name: kind === 'pre' ? 'pre-activation' : 'post-activation',
      x: snaps.map((s) => s.step), y: centers, z, colorscale: 'Viridis', showscale: k === 0, xaxis: 'x', yaxis: yKey,
      colorbar: { title: { text: options.logCounts ? 'log₁₀(1+count)' : 'count', side: 'right' }, thickness: 10, tickfont: { size: 9 } },
      hovertemplate: 'step %{x}<br>value %{y:.3g}<br>%{z:.3g}<extra>%{fullData.name}</extra>',
    });
    layout[k === 0 ? 'yaxis' : 'yaxis2'] = axis(theme, kind === 'pre' ? 'pre-activation' : 'post-activation', {
      domain: k === 0 ? [0.53, 1] : [0, 0.47], anchor: 'x', ...(k === 0 ? ZERO_CUTOFF : { zeroline: false }),
    });
  });
  return {
    data,
    layout: baseLayout(theme, title, {
      xaxis: axis(theme, 'step', { anchor: 'y2' }),
      ...layout,
      hovermode: 'closest',
      showlegend: false,
    }),
  };
}

function countSnapshots(history: RunHistory, layer: number, upto: number): number {
  let n = history.snapshotCount(layer);
  while (n > 0 && history.snapshotStep(layer, n - 1) > upto) n--;
  return n;
}
