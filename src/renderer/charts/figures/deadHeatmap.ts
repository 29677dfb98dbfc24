/**
 * The dying-neuron heatmap: units × training time coloured by activation
 * rate. Exactly 0 (dead) has its own grey, far from every colour a living
 * unit can take, so the moment a unit dies — and any revival — stands out.
 */
import type { HistoryLayer } from '../../history';
import { axis, baseLayout, layerName, layerShortName, unitLabel, unitNumber } from './theme';
import { rateImageSource } from './rateImage';
import { columnStep, MAX_DISPLAY_COLUMNS, SCREEN_COLUMNS, unitMatrix } from './unitMatrix';
import type { Figure, FigureInput, Layout, Trace } from './types';

/** Rates are multiples of 1/probe ≥ 1/60000, so anything above 1e-6 is alive. */
export const DEAD_COLORSCALE: [number, string][] = [
  [0, '#6b6f76'], [1e-6, '#440154'], [0.25, '#3b528b'], [0.5, '#21918c'], [0.75, '#5ec962'], [1, '#fde725'],
];

const DEAD_KEY = '<span style="color:#6b6f76">■</span> dead (rate 0)';

export interface HeatmapRows {
  /** Per hidden layer shown: the layer and the unit shown in each row. */
  layer: number;
  name: string;
  /** How its units are counted and named, and whether a never-active one is dead or dormant. */
  info: Pick<HistoryLayer, 'unit' | 'zeroGradientWhenInactive'>;
  order: number[];
  /** Its rows' y axis ('y', 'y2', …). */
  yaxis: string;
  /** The cells: the step of each column (evenly spaced), and z[row][column] the activation rate. */
  steps: number[];
  z: number[][];
}

/** The hidden layers the heatmap shows: all, or the one chosen (the last, if the chosen one is gone). Its CSV holds the same. */
export function heatmapLayers(layerCount: number, choice: FigureInput['options']['layer']): number[] {
  return choice === 'all' ? Array.from({ length: layerCount }, (_, i) => i) : [Math.min(choice, layerCount - 1)].filter((l) => l >= 0);
}

/** Share of the plot's height between two layers' blocks. */
const LAYER_GAP = 0.04;
/** On screen: the plot's top and bottom margins (the x axis and its title below). */
const SCREEN_MARGIN = { t: 8, b: 40 };
/** The on-screen graph's height in px (plot and margins): never less, nor (unless enlarged) more. */
const SCREEN_HEIGHT = { min: 300, max: 560 };

/** Plot-area pixels the layers' units need for one pixel row each. */
function rowsNeeded(units: number[]): number {
  const total = units.reduce((a, u) => a + u, 0);
  return Math.ceil(total / (1 - LAYER_GAP * Math.max(0, units.length - 1)));
}

/**
 * The on-screen heatmap's height in CSS px: tall enough for every unit to
 * get a row of device pixels (`pixelRatio` of them per CSS px; it is drawn
 * pixelated: with fewer rows than units, the browser skips rows, and a dead
 * unit there would not show), within SCREEN_HEIGHT. `crowded`: even so,
 * some units share a row.
 */
export function screenHeatmapHeight(layerUnits: number[], choice: FigureInput['options']['layer'], pixelRatio = 1): { height: number; crowded: boolean } {
  const need = Math.ceil(rowsNeeded(heatmapLayers(layerUnits.length, choice).map((l) => layerUnits[l])) / Math.max(1, pixelRatio));
  const height = Math.min(SCREEN_HEIGHT.max, Math.max(SCREEN_HEIGHT.min, need + SCREEN_MARGIN.t + SCREEN_MARGIN.b));
  return { height, crowded: need > height - SCREEN_MARGIN.t - SCREEN_MARGIN.b };
}

export function deadHeatmapFigure({ history, upto, options, theme, title }: FigureInput): Figure & { rows: HeatmapRows[] } {
  const layers = heatmapLayers(history.layers.length, options.layer);
  const totalUnits = layers.reduce((a, l) => a + history.layers[l].units, 0);
  const gap = layers.length > 1 ? LAYER_GAP : 0;
  const usable = 1 - gap * (layers.length - 1);
  const data: Trace[] = [];
  // On screen each layer's cells are drawn as a layout image (rateImage.ts); the
  // heatmap traces, not drawn there, still hold the rates for outside checks.
  const onScreen = title === null;
  const images: Layout[] = [];
  const rows: HeatmapRows[] = [];
  const axes: Layout = {};
  // Plotly's autorange leaves layout images out; an invisible rectangle over each gives it their extent.
  const extents: Layout[] = [];
  let top = 1;
  layers.forEach((l, k) => {
    const info = history.layers[l];
    const rates = history.rateRows(l);
    const m = unitMatrix(rates, rates.countUpTo(upto), options.sortUnits, onScreen ? SCREEN_COLUMNS : MAX_DISPLAY_COLUMNS);
    const height = (usable * info.units) / totalUnits;
    const yName = k === 0 ? 'y' : `y${k + 1}`;
    const axisKey = k === 0 ? 'yaxis' : `yaxis${k + 1}`;
    const byDeath = options.sortUnits === 'death';
    const name = layerName(info, true);
    data.push({
      type: 'heatmap', name, x: m.x, y: m.order.map((_, i) => i + 1), z: m.z,
      zmin: 0, zmax: 1, colorscale: DEAD_COLORSCALE, showscale: k === 0 && !onScreen, xaxis: 'x', yaxis: yName,
      colorbar: { title: { text: 'activation rate', side: 'right' }, thickness: 10, len: 0.9, tickfont: { size: 9 } },
      hovertemplate: byDeath ? 'step %{x:.0f}<br>rate %{z:.3f}<extra>%{fullData.name}</extra>' : 'step %{x:.0f}<br>unit %{y}<br>rate %{z:.3f}<extra>%{fullData.name}</extra>',
      // Evenly spaced x and y and no gaps: plotly paints one pixelated image
      // instead of a rectangle per cell (zsmooth 'fast' set explicitly would blur it).
      xgap: 0, ygap: 0,
      ...(onScreen ? { visible: false } : {}),
    });
    if (onScreen && m.x.length > 0) {
      // Cells centred on their step and row, as a heatmap places them.
      const dx = columnStep(m.x);
      const [x0, x1] = [m.x[0] - dx / 2, m.x[m.x.length - 1] + dx / 2];
      images.push({
        source: rateImageSource(m.z, DEAD_COLORSCALE), xref: 'x', yref: yName, layer: 'below', sizing: 'stretch',
        x: x0, y: 0.5, sizex: x1 - x0, sizey: m.order.length, xanchor: 'left', yanchor: 'top',
      });
      extents.push({
        type: 'rect', xref: 'x', yref: yName, x0, x1, y0: 0.5, y1: m.order.length + 0.5,
        line: { width: 0 }, fillcolor: 'rgba(0,0,0,0)', layer: 'below',
      });
    }
    rows.push({ layer: l, name, info, order: m.order, yaxis: yName, steps: m.x, z: m.z });
    // On screen, labels at least ~14 px apart even at the panel's smallest height.
    const labels = onScreen ? Math.floor(((SCREEN_HEIGHT.min - SCREEN_MARGIN.t - SCREEN_MARGIN.b) * height) / 14) : 8;
    const ticks = tickRows(m.order.length, Math.max(2, Math.min(8, labels)));
    axes[axisKey] = axis(theme, `${layerShortName(history.layers[l])} units${byDeath ? ' (by death)' : ''}`, {
      domain: [Math.max(0, top - height), top], autorange: 'reversed', anchor: 'x', zeroline: false, showgrid: false,
      // Rows count from 1; units as the builder and inspector name them (a PyTorch run's from 0, as PyTorch indexes them).
      tickvals: ticks.map((r) => r + 1), ticktext: ticks.map((r) => String(unitNumber(info, m.order[r]))), title: { text: layerShortName(history.layers[l]), font: { size: 10, color: theme.muted } },
    });
    top -= height + gap;
  });
  return {
    data,
    rows,
    layout: baseLayout(theme, title, {
      xaxis: axis(theme, 'step', { anchor: layers.length ? `y${layers.length === 1 ? '' : layers.length}` : 'y', showgrid: false, zeroline: false }),
      ...axes,
      ...(onScreen ? { images, shapes: extents } : {}),
      hovermode: 'closest',
      margin: { l: 56, r: 16, t: title ? 64 : SCREEN_MARGIN.t, b: SCREEN_MARGIN.b },
      showlegend: false,
      // On screen the panel shows the key in HTML (HeatmapKey): plotly would lay out styled text on every redraw.
      annotations: title === null ? [] : [{
        // Left: the plot's mode bar sits on the right.
        text: DEAD_KEY, showarrow: false, xref: 'paper', yref: 'paper', x: 0, y: 1, yanchor: 'bottom', xanchor: 'left',
        font: { size: 10, color: theme.muted },
      }],
    }),
  };
}

export interface HeatmapCell {
  layer: number;
  unit: number;
  /** What hovering it shows: the layer, step, unit and activation rate, one per line. */
  text: string;
}

/** The cell at a point in data coordinates (x a step, y a row counted from 1 on the y axis `yaxis`), if one is there. */
export function heatmapCellAt(rows: HeatmapRows[], at: { x: number; y: number; yaxis: string }): HeatmapCell | null {
  const r = rows.find((t) => t.yaxis === at.yaxis);
  if (!r || r.steps.length === 0) return null;
  const dx = columnStep(r.steps);
  const row = Math.round(at.y) - 1;
  const column = Math.round((at.x - r.steps[0]) / dx);
  const rate = r.z[row]?.[column];
  if (rate === undefined) return null;
  const unit = r.order[row];
  const never = r.info.zeroGradientWhenInactive ? 'rate 0: dead' : 'rate 0: dormant';
  return { layer: r.layer, unit, text: [r.name, `step ${Math.round(r.steps[column])}`, unitLabel(r.info, unit), rate === 0 ? never : `rate ${rate.toFixed(3)}`].join('\n') };
}

/** At most `most` labelled rows per layer: unit numbers, which differ from row positions when sorted by death. */
function tickRows(n: number, most: number): number[] {
  const step = Math.max(1, Math.ceil(n / most));
  const rows: number[] = [];
  for (let r = 0; r < n; r += step) rows.push(r);
  return rows;
}
