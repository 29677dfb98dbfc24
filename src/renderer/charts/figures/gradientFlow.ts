/** Gradient norm per layer (log scale: the vanishing-gradient picture) over the update/weight ratio per layer. */
import { axis, baseLayout, layerColor, layerName, LOG_AXIS, twoColumnLegend } from './theme';
import { layerSeries, stepsUpTo } from './series';
import type { Figure, FigureInput, Trace } from './types';

export function gradientFlowFigure({ history, upto, theme, title }: FigureInput): Figure {
  const n = history.countUpTo(upto);
  const x = stepsUpTo(history, n);
  const data: Trace[] = [];
  history.layers.forEach((layer, l) => {
    const color = layerColor(theme, l);
    const name = layerName(layer, true);
    data.push({
      type: 'scatter', mode: 'lines', name: `${name} ‖∇W‖`, legendgroup: `l${l}`,
      x, y: layerSeries(history, n, l, 'gradNorm', 1, true), line: { color, width: 1.6 }, hovertemplate: '%{y:.3e}',
    });
    data.push({
      type: 'scatter', mode: 'lines', name: `${name} ‖ΔW‖/‖W‖`, legendgroup: `l${l}`, showlegend: false,
      x, y: layerSeries(history, n, l, 'updateRatio', 1, true), line: { color, width: 1.3, dash: 'dot' },
      xaxis: 'x', yaxis: 'y2', hovertemplate: '%{y:.3e}',
    });
  });
  // A log axis cannot draw 0, and 0 is the news: a dead layer gets no gradient at all.
  const flat = history.layers.map((_, l) => l).filter((l) => n > 0 && history.layerMetric(n - 1, l, 'gradNorm') === 0);
  const note = flat.length === 0 ? [] : [{
    text: `‖∇W‖ = 0 (not drawn): ${flat.map((l) => layerName(history.layers[l])).join(', ')}`, showarrow: false,
    xref: 'paper', yref: 'paper', x: 0, y: 0.56, xanchor: 'left', yanchor: 'bottom', font: { size: 10, color: '#e5636b' },
  }];
  return {
    data,
    layout: baseLayout(theme, title, {
      annotations: note,
      legend: twoColumnLegend(title),
      xaxis: axis(theme, 'step', { anchor: 'y2' }),
      yaxis: axis(theme, '‖∇W‖', { ...LOG_AXIS, domain: [0.54, 1], exponentformat: 'power' }),
      yaxis2: axis(theme, '‖ΔW‖/‖W‖', { ...LOG_AXIS, domain: [0, 0.44], exponentformat: 'power' }),
    }),
  };
}
