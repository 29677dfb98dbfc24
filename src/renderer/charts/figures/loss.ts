/** Train and test loss (left axis) and accuracy (right axis) over steps. */
import { axis, baseLayout, chartMargin, stepAxis, stepSpan } from './theme';
import { globalSeries, hasValues, stepsUpTo } from './series';
import type { Figure, FigureInput, Trace } from './types';

export function lossFigure({ history, upto, theme, title }: FigureInput): Figure {
  const n = history.countUpTo(upto);
  const x = stepsUpTo(history, n);
  const [c0, c1] = theme.palette;
  // `extra.line` adds to the line's colour and width (spread last, it replaced them: the accuracy lines lost their colour).
  const line = (name: string, y: (number | null)[], color: string, extra: Trace = {}): Trace => ({
    type: 'scatter', mode: 'lines', name, x, y, hovertemplate: `%{y:.4g}`, ...extra,
    line: { color, width: 1.6, ...(extra.line as object) },
  });
  const data: Trace[] = [line('train loss', globalSeries(history, n, 'loss'), c0)];
  const testLoss = globalSeries(history, n, 'testLoss');
  if (hasValues(testLoss)) data.push(line('test loss', testLoss, c1));
  const acc = globalSeries(history, n, 'accuracy');
  const testAcc = globalSeries(history, n, 'testAccuracy');
  const hasAcc = hasValues(acc);
  if (hasAcc) data.push(line('train accuracy', acc, c0, { yaxis: 'y2', line: { dash: 'dot' } }));
  if (hasValues(testAcc)) data.push(line('test accuracy', testAcc, c1, { yaxis: 'y2', line: { dash: 'dot' } }));
  return {
    data,
    layout: baseLayout(theme, title, {
      xaxis: stepAxis(theme, stepSpan(x)),
      yaxis: axis(theme, 'loss', { rangemode: 'tozero' }),
      ...(hasAcc ? {
        yaxis2: axis(theme, 'accuracy', { overlaying: 'y', side: 'right', range: [0, 1], showgrid: false, tickmode: 'auto' }),
        margin: chartMargin(title, 48),
      } : {}),
    }),
  };
}
