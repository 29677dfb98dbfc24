import { describe, expect, it } from 'vitest';
import { CHARTS, chartSpec, type ChartId } from '../../src/renderer/charts/figures';
import { DEAD_COLORSCALE, deadHeatmapFigure, heatmapCellAt, screenHeatmapHeight } from '../../src/renderer/charts/figures/deadHeatmap';
import { gradientFlowFigure } from '../../src/renderer/charts/figures/gradientFlow';
import { commonGrid, histogramOutline, resample } from '../../src/renderer/charts/figures/histogramBins';
import { histogramsFigure } from '../../src/renderer/charts/figures/histograms';
import { lossFigure } from '../../src/renderer/charts/figures/loss';
import { sparsityFigure } from '../../src/renderer/charts/figures/sparsity';
import { EXPORT_THEME } from '../../src/renderer/charts/figures/theme';
import { DEFAULT_OPTIONS, type ChartOptions, type FigureInput } from '../../src/renderer/charts/figures/types';
import { displayColumns, unitOrder } from '../../src/renderer/charts/figures/unitMatrix';
import { weightsFigure } from '../../src/renderer/charts/figures/weights';
import { RunHistory } from '../../src/renderer/history';
import { frame, hist } from './history-frames';

/** Layer 0 (relu, 3 units): unit 1 dies at step 20, unit 2 at step 10; layer 1 (prelu, 2 units) stays alive. */
function dyingRun(): RunHistory {
  const h = new RunHistory();
  const rates = [[0.5, 0.5, 0.5], [0.5, 0.5, 0], [0.5, 0, 0], [0.4, 0, 0]];
  rates.forEach((r, i) => h.append(frame(i * 10, [{ rates: r }, { rates: [0.9, 0.8], activation: 'prelu', alpha: 0.25 + i / 100, gradNorm: i === 0 ? 0 : 0.1 }])));
  return h;
}

function input(history: RunHistory, options: Partial<ChartOptions> = {}, upto = Infinity): FigureInput {
  return { history, upto, options: { ...DEFAULT_OPTIONS, ...options }, theme: EXPORT_THEME, title: 'Sparsity — spiral' };
}

describe('sparsity figure', () => {
  it('draws each layer\'s inactive fraction and its dead share, dashed', () => {
    const f = sparsityFigure(input(dyingRun()));
    expect(f.data.map((t) => t.name)).toEqual([
      'Layer 1 inactive', 'Layer 1 dead', 'Layer 2 inactive', 'Layer 2 dormant',
    ]);
    expect(f.data[0].x).toEqual([0, 10, 20, 30]);
    expect((f.data[0].y as number[])[3]).toBeCloseTo(1 - 0.4 / 3, 6);
    expect(f.data[1].y).toEqual([0, 1 / 3, 2 / 3, 2 / 3]);
    expect((f.data[1].line as { dash: string }).dash).toBe('dash');
    expect((f.layout.title as { text: string }).text).toBe('Sparsity — spiral');
  });

  it('cuts every series at the timeline step', () => {
    const f = sparsityFigure(input(dyingRun(), {}, 15));
    expect(f.data[0].x).toEqual([0, 10]);
    expect(lossFigure(input(dyingRun(), {}, 15)).data[0].x).toEqual([0, 10]);
  });
});

describe('dying-neuron heatmap', () => {
  it('holds the activation rates, units × time, with exactly 0 in its own colour', () => {
    const f = deadHeatmapFigure(input(dyingRun()));
    expect(f.data).toHaveLength(2);
    expect(f.data[0].x).toEqual([0, 10, 20, 30]);
    expect(f.data[0].z).toEqual([[0.5, 0.5, 0.5, 0.4].map(Math.fround), [0.5, 0.5, 0, 0], [0.5, 0, 0, 0]]);
    expect([f.data[0].zmin, f.data[0].zmax]).toEqual([0, 1]);
    expect(DEAD_COLORSCALE[0][1]).not.toBe(DEAD_COLORSCALE[1][1]);
    expect(DEAD_COLORSCALE[1][0]).toBeLessThan(1 / 60000);
    expect(f.rows.map((r) => [r.layer, r.order, r.yaxis])).toEqual([[0, [0, 1, 2], 'y'], [1, [0, 1], 'y2']]);
    // Exported, plotly draws the heatmaps themselves.
    expect(f.data.map((t) => t.visible)).toEqual([undefined, undefined]);
    expect(f.layout.images).toBeUndefined();
  });

  it('on screen, draws each layer as one image over the same cells, and keeps the rates in the heatmap traces', () => {
    const f = deadHeatmapFigure({ ...input(dyingRun()), title: null });
    expect(f.data.map((t) => [t.type, t.visible])).toEqual([['heatmap', false], ['heatmap', false]]);
    expect(f.data[0].z).toEqual([[0.5, 0.5, 0.5, 0.4].map(Math.fround), [0.5, 0.5, 0, 0], [0.5, 0, 0, 0]]);
    // Columns 10 steps apart, centred on their steps; rows 1..3 centred on whole numbers, the first at the top.
    const images = f.layout.images as Record<string, unknown>[];
    expect(images.map(({ source, ...place }) => [String(source).slice(0, 22), place])).toEqual([
      ['data:image/bmp;base64,', { xref: 'x', yref: 'y', layer: 'below', sizing: 'stretch', x: -5, y: 0.5, sizex: 40, sizey: 3, xanchor: 'left', yanchor: 'top' }],
      ['data:image/bmp;base64,', { xref: 'x', yref: 'y2', layer: 'below', sizing: 'stretch', x: -5, y: 0.5, sizex: 40, sizey: 2, xanchor: 'left', yanchor: 'top' }],
    ]);
    // Plotly's autorange leaves images out: an invisible frame of the same extent is what it ranges on.
    expect((f.layout.shapes as Record<string, unknown>[]).map((s) => [s.yref, s.x0, s.x1, s.y0, s.y1])).toEqual([['y', -5, 35, 0.5, 3.5], ['y2', -5, 35, 0.5, 2.5]]);
  });

  it('names the cell under the pointer: layer, step, unit and rate, through the row order', () => {
    const f = deadHeatmapFigure({ ...input(dyingRun(), { sortUnits: 'death' }), title: null });
    // Sorted by death, row 1 of layer 1 is unit 3 (dead since step 10).
    expect(heatmapCellAt(f.rows, { x: 21, y: 1.2, yaxis: 'y' })).toEqual({ layer: 0, unit: 2, text: 'Layer 1 (relu)\nstep 20\nunit 3\nrate 0: dead' });
    expect(heatmapCellAt(f.rows, { x: -4, y: 2.4, yaxis: 'y2' })?.text).toBe('Layer 2 (prelu)\nstep 0\nunit 2\nrate 0.800');
    // Beyond the last column, the last row, or on no layer's axis: nothing.
    expect(heatmapCellAt(f.rows, { x: 36, y: 1, yaxis: 'y' })).toBeNull();
    expect(heatmapCellAt(f.rows, { x: 0, y: 3.6, yaxis: 'y' })).toBeNull();
    expect(heatmapCellAt(f.rows, { x: 0, y: 1, yaxis: 'y3' })).toBeNull();
  });

  it('sorts units by time of death, earliest first, the living last', () => {
    const h = dyingRun();
    expect(unitOrder(h.rateRows(0), h.rateRows(0).length, 'death')).toEqual([2, 1, 0]);
    const f = deadHeatmapFigure(input(h, { layer: 0, sortUnits: 'death' }));
    expect(f.data).toHaveLength(1);
    expect(f.rows[0].order).toEqual([2, 1, 0]);
    expect((f.data[0].z as number[][])[0]).toEqual([0.5, 0, 0, 0]);
    // As it was at step 10 only unit 2 had died.
    expect(deadHeatmapFigure(input(h, { layer: 0, sortUnits: 'death' }, 10)).rows[0].order).toEqual([2, 0, 1]);
  });

  it('is tall enough on screen for each unit to get a pixel row, within bounds', () => {
    // The spiral's 8 + 8 units fit the usual height.
    expect(screenHeatmapHeight([8, 8], 'all')).toEqual({ height: 300, crowded: false });
    // MNIST's 256 + 128 units: 384 rows over 96 % of the plot, plus 48 px of margins.
    expect(screenHeatmapHeight([256, 128], 'all')).toEqual({ height: 400 + 48, crowded: false });
    expect(screenHeatmapHeight([256, 128], 1)).toEqual({ height: 300, crowded: false });
    // Beyond the largest height, the key says that some rows are not drawn.
    expect(screenHeatmapHeight([512, 512], 'all')).toEqual({ height: 560, crowded: true });
    // With two device pixels to the CSS pixel, half the height gives each unit its row.
    expect(screenHeatmapHeight([400, 400], 'all')).toEqual({ height: 560, crowded: true });
    expect(screenHeatmapHeight([400, 400], 'all', 2)).toEqual({ height: 417 + 48, crowded: false });
  });

  it('shows evenly spaced records as they are', () => {
    const step = (i: number) => i * 10;
    expect(displayColumns(step, 3, 240)).toEqual({ x: [0, 10, 20], records: [0, 1, 2] });
  });

  it('puts irregular or many records on an even grid, each column the latest record at its step', () => {
    const steps = [0, 130, 300];
    expect(displayColumns((i) => steps[i], 3, 4)).toEqual({ x: [0, 100, 200, 300], records: [0, 0, 1, 2] });
    const many = displayColumns((i) => i, 2000, 240);
    expect(many.x).toHaveLength(240);
    expect([many.records[0], many.records[239]]).toEqual([0, 1999]);
    for (let c = 1; c < 240; c++) expect(many.records[c]).toBeGreaterThanOrEqual(many.records[c - 1]);
  });
});

describe('histograms', () => {
  it('shows pre- and post-activation at the shown step with the zero cut-off marked', () => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [1], pre: hist(-2, 2, [1, 2, 3, 4]), post: hist(0, 0, [7, 0, 0, 0]) }]));
    const f = histogramsFigure(input(h, { layer: 0 }));
    // Bins [-2, -1), [-1, 0), [0, 1), [1, 2] as one step outline.
    expect(f.data[0]).toMatchObject({ type: 'scatter', x: [-2, -1, 0, 1, 2], y: [1, 2, 3, 4, 4], line: { shape: 'hv' }, fill: 'tozeroy' });
    expect((f.data[0].text as string[])[1]).toBe('[-1, 0): 2');
    // Every value the same (a dead layer's zeros): one narrow step there, not forty across [0, 40].
    expect(f.data[1]).toMatchObject({ x: [-0.025, 0.025], y: [7, 7] });
    // The zero cut-off: the value axis's zero line, drawn over the histograms.
    expect(f.layout.xaxis).toMatchObject({ zeroline: true, zerolinelayer: 'above traces' });
    expect((f.layout.yaxis as { type: string }).type).toBe('linear');
    expect((histogramsFigure(input(h, { logCounts: true })).layout.yaxis as { type: string }).type).toBe('log');
  });

  it('over time: a density heatmap of snapshots on one value grid', () => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [1], pre: hist(-1, 1, [4, 0, 0, 4]) }]));
    h.append(frame(10, [{ rates: [1], pre: hist(0, 4, [0, 0, 0, 8]) }]));
    const f = histogramsFigure(input(h, { histogramMode: 'time' }));
    const pre = f.data[0];
    expect(pre.type).toBe('heatmap');
    expect(pre.x).toEqual([0, 10]);
    const z = pre.z as number[][];
    const total = (c: number) => z.reduce((a, row) => a + row[c], 0);
    expect(total(0)).toBeCloseTo(8);
    expect(total(1)).toBeCloseTo(8);
    expect((pre.y as number[])[0]).toBeGreaterThanOrEqual(-1);
    expect((pre.y as number[]).at(-1)).toBeLessThanOrEqual(4);
  });

  it('resampling keeps the total count and puts it where the values were', () => {
    // Source bins [0, 0.5] and [0.5, 1]; grid bins [-1, -1/3], [-1/3, 1/3], [1/3, 1].
    const s = { step: 0, min: 0, max: 1, counts: Float64Array.from([10, 6]) };
    const grid = commonGrid([s, { ...s, min: -1, max: 1 }], 3);
    expect([grid.min, grid.max]).toEqual([-1, 1]);
    const out = resample(s, grid);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(10 * (2 / 3));
    expect(out[2]).toBeCloseTo(10 / 3 + 6);
    expect(histogramOutline({ min: 2, max: 2, counts: [1, 1] }).y).toEqual([2, 2]);
  });
});

describe('gradient flow and weights', () => {
  it('puts gradient norms on a log axis and leaves a gap where the norm is 0', () => {
    const f = gradientFlowFigure(input(dyingRun()));
    expect((f.layout.yaxis as { type: string }).type).toBe('log');
    expect((f.layout.yaxis2 as { type: string }).type).toBe('log');
    const layer2 = f.data.find((t) => t.name === 'Layer 2 (prelu) ‖∇W‖')!;
    expect(layer2.y).toEqual([null, 0.1, 0.1, 0.1]);
    expect(f.layout.annotations).toEqual([]);
    const dead = gradientFlowFigure(input(dyingRun(), {}, 5));
    expect((dead.layout.annotations as { text: string }[])[0].text).toBe('‖∇W‖ = 0 (not drawn): Layer 2');
  });

  it('draws weight histograms and PReLU α over time', () => {
    const f = weightsFigure(input(dyingRun()));
    expect(f.data.filter((t) => t.fill === 'tozeroy')).toHaveLength(2);
    const alpha = f.data.find((t) => t.name === 'Layer 2 PReLU α')!;
    expect(alpha.y).toEqual([0.25, 0.26, 0.27, 0.28]);
  });
});

it('every chart builds on an empty history', () => {
  for (const c of CHARTS) expect(() => c.build(input(new RunHistory()))).not.toThrow();
});

it('a series of one point (a run just reset: step 0 only) shows it as a marker, and is a plain line from two points on', () => {
  const h = new RunHistory();
  h.append(frame(0, [{ rates: [1, 0.5] }]));
  const modes = (id: string) => chartSpec(id as ChartId).build(input(h)).data.filter((t) => t.type === 'scatter').map((t) => t.mode);
  for (const id of ['loss', 'sparsity', 'gradient-flow']) expect(new Set(modes(id))).toEqual(new Set(['lines+markers']));
  h.append(frame(10, [{ rates: [1, 0.4] }]));
  for (const id of ['loss', 'sparsity', 'gradient-flow']) expect(new Set(modes(id))).toEqual(new Set(['lines']));
});

describe('a run\'s first records', () => {
  const first = (): RunHistory => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [0.5, 0.5, 0.5] }, { rates: [0.9, 0.8], activation: 'prelu', alpha: 0.25 }]));
    return h;
  };

  it('sit at the left of a step axis at least ten steps long, not centred on −1…1', () => {
    for (const id of ['loss', 'sparsity', 'gradient-flow'] as ChartId[]) {
      const axis = chartSpec(id).build(input(first())).layout.xaxis as { range: number[]; autorange: boolean };
      expect(axis.range, id).toEqual([-0.25, 10]);
      expect(axis.autorange).toBe(false);
    }
    // Once the records span ten steps or more, plotly ranges the axis on the data.
    expect((lossFigure(input(dyingRun())).layout.xaxis as { range?: number[] }).range).toBeUndefined();
  });

  it('make one heatmap column one step wide, at the left, not stretched over the plot', () => {
    const f = deadHeatmapFigure({ ...input(first()), title: null });
    expect((f.layout.xaxis as { range: number[] }).range).toEqual([-0.5, 10]);
    const image = (f.layout.images as { x: number; sizex: number }[])[0];
    expect([image.x, image.sizex]).toEqual([-0.5, 1]);
  });
});
