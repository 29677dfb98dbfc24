/** Every chart the instruments show, by id: its title, file name part and figure builder. */
import { deadHeatmapFigure } from './deadHeatmap';
import { gradientFlowFigure } from './gradientFlow';
import { histogramsFigure } from './histograms';
import { lossFigure } from './loss';
import { sparsityFigure } from './sparsity';
import type { ChartId, Figure, FigureInput } from './types';
import { weightsFigure } from './weights';

export interface ChartSpec {
  id: ChartId;
  title: string;
  build: (input: FigureInput) => Figure;
}

export const CHARTS: readonly ChartSpec[] = ([
  { id: 'loss', title: 'Loss and accuracy', build: lossFigure },
  { id: 'sparsity', title: 'Sparsity over time', build: sparsityFigure },
  { id: 'dead-heatmap', title: 'Dying-neuron heatmap', build: deadHeatmapFigure },
  { id: 'histograms', title: 'Activation histograms', build: histogramsFigure },
  { id: 'gradient-flow', title: 'Gradient flow', build: gradientFlowFigure },
  { id: 'weights', title: 'Weights', build: weightsFigure },
] satisfies ChartSpec[]).map((spec) => ({ ...spec, build: lonePointsShown(spec.build) }));

/**
 * A line through one point draws nothing: a run just started, reset or
 * loaded has only step 0, and its charts would look empty. Such a series
 * shows its point as a marker until the next one comes.
 */
function lonePointsShown<F extends Figure>(build: (input: FigureInput) => F): (input: FigureInput) => F {
  return (input) => {
    const figure = build(input);
    const lone = (t: Figure['data'][number]) => t.type === 'scatter' && t.mode === 'lines' && Array.isArray(t.x) && t.x.length === 1;
    return figure.data.some(lone) ? { ...figure, data: figure.data.map((t) => (lone(t) ? { ...t, mode: 'lines+markers' } : t)) } : figure;
  };
}

export function chartSpec(id: ChartId): ChartSpec {
  const spec = CHARTS.find((c) => c.id === id);
  if (!spec) throw new Error(`unknown chart ${id}`);
  return spec;
}

export * from './types';
export { DARK_THEME, EXPORT_THEME } from './theme';
export { deadHeatmapFigure } from './deadHeatmap';
