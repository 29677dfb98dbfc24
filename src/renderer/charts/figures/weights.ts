/** Weight histogram per layer at the current step, and PReLU's learned slope over time. */
import { histogramTrace } from './histogramBins';
import { layerSeries, stepsUpTo } from './series';
import { axis, baseLayout, layerColor, layerName } from './theme';
import type { Figure, FigureInput, Trace } from './types';

export function weightsFigure({ history, upto, theme, title }: FigureInput): Figure {
  const data: Trace[] = [];
  history.layers.forEach((layer, l) => {
    const h = history.histogramAt(l, 'weight', upto);
    if (!h) return;
    data.push(histogramTrace(h, { name: `${layerName(layer, true)} weights`, color: layerColor(theme, l), opacity: 0.55 }));
  });
  const prelu = history.layers.map((layer, l) => ({ layer, l })).filter(({ layer }) => layer.activation === 'prelu');
  const n = history.countUpTo(upto);
  const x = stepsUpTo(history, n);
  for (const { l } of prelu) {
    data.push({
      type: 'scatter', mode: 'lines', name: `${layerName(history.layers[l])} PReLU α`, x, y: layerSeries(history, n, l, 'alpha'),
      line: { color: layerColor(theme, l), width: 1.8 }, xaxis: 'x2', yaxis: 'y2', hovertemplate: 'step %{x}: α = %{y:.4f}',
    });
  }
  const split = prelu.length > 0;
  return {
    data,
    layout: baseLayout(theme, title, {
      hovermode: 'closest',
      xaxis: axis(theme, 'weight value', { anchor: 'y' }),
      yaxis: axis(theme, 'count', { domain: split ? [0.55, 1] : [0, 1], anchor: 'x' }),
      ...(split ? {
        xaxis2: axis(theme, 'step', { anchor: 'y2' }),
        yaxis2: axis(theme, 'PReLU α', { domain: [0, 0.4], anchor: 'x2' }),
      } : {}),
    }),
  };
}
