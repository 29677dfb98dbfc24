/** A data set after loading: row-major Float32Arrays, split once, never reallocated during training. */
export interface Split {
  /** Number of samples. */
  n: number;
  /** n × inputs, row-major. */
  x: Float32Array;
  /** n × targetWidth, row-major: one-hot rows for classification, targets for regression. */
  y: Float32Array;
  /** Class index of each sample for classification; null for regression. */
  labels: Int32Array | null;
}

export interface Dataset {
  /** Human-readable description, e.g. "spiral, 3 classes, 600 samples". */
  description: string;
  inputs: number;
  /** Width of a target row (classes for classification, outputs for regression). */
  targetWidth: number;
  /** Number of classes; 0 for regression. */
  classes: number;
  /** Optional display names: CSV header columns, class label values. */
  featureNames: string[];
  classNames: string[];
  train: Split;
  test: Split;
}

/** How the core gets at files it does not own (CSV data): each host supplies its own. */
export type ReadText = (path: string) => Promise<string>;
