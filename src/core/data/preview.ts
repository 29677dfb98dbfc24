import type { Dataset } from './types';

export interface DatasetPreview {
  /** n × inputs, the first n training rows. */
  x: Float32Array;
  /** One value per row: the class index, or the (first) regression target. */
  y: Float32Array;
  n: number;
}

/** The first `max` training rows, for the UI's scatter plot of the data. Copies, so it can be transferred. */
export function previewDataset(d: Dataset, max = 1000): DatasetPreview {
  const train = d.train;
  const n = Math.min(max, train.n);
  const x = train.x.slice(0, n * d.inputs);
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) y[r] = train.labels ? train.labels[r] : train.y[r * d.targetWidth];
  return { x, y, n };
}
