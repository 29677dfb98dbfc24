/**
 * Column layout of the history's scalar table: the run-wide metrics first,
 * then the same block of per-layer metrics for every hidden layer.
 */
export const GLOBAL_METRICS = ['epoch', 'loss', 'accuracy', 'testLoss', 'testAccuracy'] as const;
export type GlobalMetric = (typeof GLOBAL_METRICS)[number];

export const LAYER_METRICS = [
  'inactiveFraction', 'zeroFraction', 'deadCount', 'gradNorm', 'weightNorm', 'updateRatio', 'alpha',
] as const;
export type LayerMetric = (typeof LAYER_METRICS)[number];

export const HISTOGRAM_KINDS = ['pre', 'post', 'grad', 'weight'] as const;
export type HistogramKind = (typeof HISTOGRAM_KINDS)[number];

export function globalColumn(metric: GlobalMetric): number {
  return GLOBAL_METRICS.indexOf(metric);
}

export function layerColumn(layer: number, metric: LayerMetric): number {
  return GLOBAL_METRICS.length + layer * LAYER_METRICS.length + LAYER_METRICS.indexOf(metric);
}

export function scalarWidth(layers: number): number {
  return GLOBAL_METRICS.length + layers * LAYER_METRICS.length;
}
