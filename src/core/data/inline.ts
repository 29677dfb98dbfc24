/**
 * Data written into the experiment file: `x` rows, and `y` as class
 * indices (softmax-cross-entropy) or target rows (mse, sigmoid-bce). The
 * class count and target width come from the output layer.
 */
import { ValidationError } from '../experiment/errors';
import { describe } from '../experiment/fields';
import type { InlineDataSpec, NetworkSpec } from '../experiment/types';
import { LOSSES } from '../nn/losses';
import { outputPath } from './compat';
import { classNamesOf, numberedNames, type Samples } from './generated';

function fail(path: string, expected: string): never {
  throw new ValidationError(path, expected, 'data');
}

export function inlineSamples(spec: InlineDataSpec, network: NetworkSpec): Samples {
  const n = spec.x.length;
  if (n === 0) fail('data.x', 'expected at least one row');
  const inputs = spec.x[0].length;
  if (inputs === 0) fail('data.x[0]', 'expected at least one number');
  const x = new Float32Array(n * inputs);
  for (let r = 0; r < n; r++) {
    const row = spec.x[r];
    if (row.length !== inputs) fail(`data.x[${r}]`, `expected ${inputs} numbers (like data.x[0]), got ${row.length}`);
    for (let c = 0; c < inputs; c++) x[r * inputs + c] = finite(row[c], `data.x[${r}][${c}]`);
  }
  if (spec.y.length !== n) fail('data.y', `expected ${n} entries (one per row of data.x), got ${spec.y.length}`);
  const units = network.layers[network.layers.length - 1].units;
  const base = { n, inputs, x, featureNames: numberedNames('x', inputs) };
  return LOSSES[network.loss].targets === 'classes'
    ? { ...base, ...classIndices(spec.y, units, network), targets: null, targetWidth: units }
    : { ...base, ...targetRows(spec.y, units, network), featureNames: base.featureNames };
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a finite number, got ${describe(v)}`);
  return v;
}

function classIndices(y: InlineDataSpec['y'], units: number, network: NetworkSpec): Pick<Samples, 'labels' | 'classes' | 'classNames' | 'description'> {
  if (units < 2) fail(outputPath(network), `the output layer has ${units} unit but softmax-cross-entropy needs at least 2 (one per class)`);
  const labels = new Int32Array(y.length);
  for (let r = 0; r < y.length; r++) {
    const v = y[r];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= units) {
      fail(`data.y[${r}]`, `expected a class index in [0, ${units - 1}] (the output layer has ${units} units), got ${describe(v)}`);
    }
    labels[r] = v;
  }
  return { labels, classes: units, classNames: classNamesOf(units), description: `inline data, ${units} classes, ${y.length} samples` };
}

function targetRows(y: InlineDataSpec['y'], width: number, network: NetworkSpec): Pick<Samples, 'labels' | 'targets' | 'targetWidth' | 'classes' | 'classNames' | 'description'> {
  const loss = network.loss;
  const probabilities = LOSSES[loss].targets === 'probabilities';
  const targets = new Float32Array(y.length * width);
  let binary = width === 1;
  for (let r = 0; r < y.length; r++) {
    const row = y[r];
    if (!Array.isArray(row)) fail(`data.y[${r}]`, `expected a row of ${width} target numbers for ${loss} (one per output unit), got ${describe(row)}`);
    if (row.length !== width) fail(`data.y[${r}]`, `expected ${width} numbers (one per output unit), got ${row.length}`);
    for (let c = 0; c < width; c++) {
      const v = finite(row[c], `data.y[${r}][${c}]`);
      if (probabilities && (v < 0 || v > 1)) fail(`data.y[${r}][${c}]`, `expected a target in [0, 1] for ${loss}, got ${v}`);
      if (v !== 0 && v !== 1) binary = false;
      targets[r * width + c] = v;
    }
  }
  // One 0/1 column of probabilities (sigmoid-bce) is a two-class problem: keep labels so accuracy can be reported.
  if (probabilities && binary) {
    const labels = new Int32Array(y.length);
    for (let r = 0; r < y.length; r++) labels[r] = targets[r];
    return { labels, targets, targetWidth: 1, classes: 2, classNames: classNamesOf(2), description: `inline data, 2 classes, ${y.length} samples` };
  }
  return { labels: null, targets, targetWidth: width, classes: 0, classNames: [], description: `inline data, ${y.length} samples, ${width} targets` };
}
