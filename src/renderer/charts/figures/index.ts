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
  /** What the chart shows, in words: its accessible name. */
  description: string;
  build: (input: FigureInput) => Figure;
}

export const CHARTS: readonly ChartSpec[] = ([
  { id: 'loss', title: 'Loss and accuracy', description: 'Training and test loss, and accuracy, over the training steps', build: lossFigure },
  { id: 'sparsity', title: 'Sparsity over time', description: 'Per hidden layer, the share of inactive pre-activations and of dead or dormant units over the training steps', build: sparsityFigure },
  { id: 'dead-heatmap', title: 'Dying-neuron heatmap', description: 'Each hidden unit’s activation rate over the training steps, one row per unit; dead units in grey', build: deadHeatmapFigure },
  { id: 'histograms', title: 'Activation histograms', description: 'Histograms of the chosen layer’s pre- and post-activations, at a step or over time', build: histogramsFigure },
  { id: 'gradient-flow', title: 'Gradient flow', description: 'Per layer, the gradient norm and the update-to-weight ratio over the training steps, on log scales', build: gradientFlowFigure },
  { id: 'weights', title: 'Weights', description: 'Histograms of each layer’s weights at the shown step, and PReLU’s learned slope over time', build: weightsFigure },
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
