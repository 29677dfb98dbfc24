/**
 * Samples as a generator or reader produces them, before the train/test
 * split and before the targets are shaped for the loss.
 */
export interface Samples {
  n: number;
  inputs: number;
  /** n × inputs, row-major. */
  x: Float32Array;
  /** Class of each sample (classification), else null. */
  labels: Int32Array | null;
  /** n × targetWidth regression targets (or soft sigmoid-bce targets), else null. */
  targets: Float32Array | null;
  targetWidth: number;
  /** 0 for regression. */
  classes: number;
  featureNames: string[];
  classNames: string[];
  /** "spiral, 3 classes, 600 samples" — the split is appended later. */
  description: string;
}

/** A labelled point cloud from one of the 2-D generators. */
export interface Points {
  x: Float32Array;
  labels: Int32Array;
}

/** How many of `n` samples class `c` of `classes` gets: as equal as possible, earlier classes get the remainder. */
export function classShare(n: number, classes: number, c: number): number {
  return Math.floor(n / classes) + (c < n % classes ? 1 : 0);
}

export function numberedNames(prefix: string, count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + from}`);
}

export function classNamesOf(classes: number): string[] {
  return Array.from({ length: classes }, (_, i) => String(i));
}
