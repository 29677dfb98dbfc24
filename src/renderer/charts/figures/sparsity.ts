/**
 * Per hidden layer: inactive fraction (the sparsity, for relu) as a solid
 * line and the share of dead units (dormant, for activations that keep a
 * gradient) dashed in the same colour.
 */
import { axis, baseLayout, layerColor, layerName, twoColumnLegend } from './theme';
import { layerSeries, stepsUpTo } from './series';
import type { Figure, FigureInput, Trace } from './types';

export function sparsityFigure({ history, upto, theme, title }: FigureInput): Figure {
  const n = history.countUpTo(upto);
  const x = stepsUpTo(history, n);
  const data: Trace[] = [];
  history.layers.forEach((layer, l) => {
    const color = layerColor(theme, l);
    const name = layerName(layer);
    const deadWord = layer.zeroGradientWhenInactive ? 'dead' : 'dormant';
    data.push({
      type: 'scatter', mode: 'lines', name: `${name} inactive`, legendgroup: `l${l}`,
      x, y: layerSeries(history, n, l, 'inactiveFraction'),
      line: { color, width: 1.8 }, hovertemplate: `%{y:.3f} (${layer.activation})`,
    });
    data.push({
      type: 'scatter', mode: 'lines', name: `${name} ${deadWord}`, legendgroup: `l${l}`,
      x, y: layerSeries(history, n, l, 'deadCount', 1 / layer.units),
      line: { color, width: 1.4, dash: 'dash' }, hovertemplate: `%{y:.3f}`,
    });
  });
  return {
    data,
    layout: baseLayout(theme, title, {
      legend: twoColumnLegend(title),
      xaxis: axis(theme, 'step'),
      yaxis: axis(theme, 'fraction', { range: [0, 1.02] }),
    }),
  };
}
