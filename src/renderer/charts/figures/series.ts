/** Columns of the history as plain arrays (plotly gaps on null; checks read real numbers). */
import type { RunHistory, GlobalMetric, LayerMetric } from '../../history';

export function stepsUpTo(history: RunHistory, count: number): number[] {
  const x = new Array<number>(count);
  for (let i = 0; i < count; i++) x[i] = history.step(i);
  return x;
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function globalSeries(history: RunHistory, count: number, metric: GlobalMetric): (number | null)[] {
  const y = new Array<number | null>(count);
  for (let i = 0; i < count; i++) y[i] = orNull(history.metric(i, metric));
  return y;
}

/** `scale` turns counts into shares (deadCount / units); `positive` gaps values a log axis cannot show. */
export function layerSeries(
  history: RunHistory, count: number, layer: number, metric: LayerMetric, scale = 1, positive = false,
): (number | null)[] {
  const y = new Array<number | null>(count);
  for (let i = 0; i < count; i++) {
    const v = history.layerMetric(i, layer, metric) * scale;
    y[i] = positive && !(v > 0) ? null : orNull(v);
  }
  return y;
}

export function hasValues(y: (number | null)[]): boolean {
  return y.some((v) => v !== null);
}
