/** Colours and the layout pieces every chart shares. */
import type { HistoryLayer } from '../../history';
import type { ChartTheme, Layout } from './types';

/** Colour-blind-safe (Okabe–Ito), one per hidden layer. */
export const LAYER_PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];

export const EXPORT_THEME: ChartTheme = {
  text: '#1e2530',
  muted: '#687385',
  grid: '#e3e6ec',
  paper: '#ffffff',
  plot: '#ffffff',
  palette: ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#999999', '#000000'],
  font: 'Helvetica, Arial, sans-serif',
};

export const DARK_THEME: ChartTheme = {
  text: '#e3e7ee',
  muted: '#8c96a6',
  grid: '#2d3440',
  paper: 'rgba(0,0,0,0)',
  plot: 'rgba(0,0,0,0)',
  palette: LAYER_PALETTE,
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
};

export function layerColor(theme: ChartTheme, layer: number): string {
  return theme.palette[layer % theme.palette.length];
}

/** "Layer 2", or the module's path for a PyTorch run ("features.3"); with its activation: "Layer 2 (relu)". */
export function layerName(layer: Pick<HistoryLayer, 'index' | 'name' | 'activation'>, withActivation = false): string {
  const name = layer.name ?? `Layer ${layer.index + 1}`;
  return withActivation ? `${name} (${layer.activation})` : name;
}

/**
 * A layer in a few characters, for the heatmap's narrow per-layer axis
 * titles: "Layer 2" for the app's own, "L2" for a run's module (its path is
 * in the hover label and the layer selector).
 */
export function layerShortName(layer: Pick<HistoryLayer, 'index' | 'name'>): string {
  return layer.name === undefined ? `Layer ${layer.index + 1}` : `L${layer.index + 1}`;
}

/**
 * A unit as the user counts it: the app's own units from 1 ("unit 3"), a
 * run folder's as PyTorch indexes them, from 0 ("channel 2").
 */
export function unitNumber(layer: Pick<HistoryLayer, 'unit'>, u: number): number {
  return layer.unit ? u : u + 1;
}

export function unitLabel(layer: Pick<HistoryLayer, 'unit'>, u: number): string {
  const noun = layer.unit === 'channel' ? 'channel' : layer.unit ? 'feature' : 'unit';
  return `${noun} ${unitNumber(layer, u)}`;
}

/**
 * A log axis with plotly's tick count for a short one (its default grows
 * with the axis's height): a span of one to three decades then gets 1, 2, 5
 * in each rather than every digit (1, 2, 3, … 9), which crowded the taller
 * plots (enlarged, exported, compared).
 */
export const LOG_AXIS: Layout = { type: 'log', nticks: 4 };

export function axis(theme: ChartTheme, title: string, extra: Layout = {}): Layout {
  return {
    title: { text: title, font: { size: 11, color: theme.muted } },
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    tickfont: { size: 10 },
    automargin: true,
    // Both spare plotly work on every live redraw: guessing the axis type scans
    // the data, and hiding overflowing tick labels measures each one.
    type: 'linear',
    ticklabeloverflow: 'allow',
    ...extra,
  };
}

/** `right`: room for an axis on the right (screen margins are fixed, see onScreen). */
export function chartMargin(title: string | null, right = 16): Layout {
  return { l: 56, r: right, t: title ? 96 : 8, b: 36 };
}

export function baseLayout(theme: ChartTheme, title: string | null, extra: Layout = {}): Layout {
  const layout: Layout = {
    ...(title ? { title: { text: title, font: { size: 15 }, x: 0.02, xanchor: 'left', y: 0.98, yref: 'container', yanchor: 'top' } } : {}),
    paper_bgcolor: theme.paper,
    plot_bgcolor: theme.plot,
    font: { family: theme.font, size: 11, color: theme.text },
    margin: chartMargin(title),
    // On screen above the plot (below, it collides with the x axis title at small heights); in exports under the title.
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: title ? 11 : 10 } },
    showlegend: true,
    hovermode: 'x unified',
    hoverlabel: { font: { size: 11 } },
    // Keeps zoom and legend toggles across live redraws.
    uirevision: 'keep',
    ...extra,
  };
  return title ? layout : onScreen(layout);
}

/**
 * Live charts redraw 20+ times a second: fixed margins spare plotly a
 * measure-and-redraw pass per axis (automargin) on every frame. Exports,
 * drawn once, keep automargin so no label is ever cut.
 */
function onScreen(layout: Layout): Layout {
  for (const key of Object.keys(layout)) {
    if (/^[xy]axis\d*$/.test(key)) layout[key] = { ...(layout[key] as Layout), automargin: false };
  }
  return layout;
}

/**
 * Two entries a row: a layer's pair of series side by side, and half the rows
 * in a narrow panel ('normal' order: grouped entries would stack vertically).
 */
export function twoColumnLegend(title: string | null): Layout {
  return { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: title ? 11 : 10 }, entrywidth: 0.5, entrywidthmode: 'fraction', traceorder: 'normal' };
}
