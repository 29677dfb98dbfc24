/**
 * Does a network fit a data set? Checked before training (and, for
 * generated data, before generating) so the message can name the network
 * field to change.
 */
import { ValidationError } from '../experiment/errors';
import type { NetworkSpec } from '../experiment/types';

export interface DataShape {
  /** "spiral", "MNIST", "CSV" … as messages name the data set. */
  name: string;
  inputs: number;
  /** Number of classes; 0 for regression. */
  classes: number;
  /** Regression only: columns of a target row. */
  targetWidth: number;
  /** Regression targets in [0, 1] may also be learned with sigmoid-bce (inline data). */
  allowsBce?: boolean;
}

function fail(path: string, expected: string): never {
  throw new ValidationError(path, expected, 'data');
}

export function outputPath(network: NetworkSpec): string {
  return `network.layers[${network.layers.length - 1}].units`;
}

export function checkNetworkFits(shape: DataShape, network: NetworkSpec): void {
  if (network.inputs !== shape.inputs) {
    fail('network.inputs', `expected ${shape.inputs} for ${shape.name} data, got ${network.inputs}`);
  }
  const units = network.layers[network.layers.length - 1].units;
  const loss = network.loss;
  if (shape.classes > 0) {
    if (loss === 'mse') {
      fail('network.loss', `${shape.name} data is a classification set (${shape.classes} classes): expected softmax-cross-entropy (or sigmoid-bce for 2 classes), got mse`);
    }
    if (loss === 'sigmoid-bce') {
      if (shape.classes !== 2) {
        fail('network.loss', `sigmoid-bce needs 2 classes but the data set has ${shape.classes} (use softmax-cross-entropy)`);
      }
      if (units !== 1) fail(outputPath(network), `the output layer has ${units} units but sigmoid-bce on 2 classes needs 1`);
      return;
    }
    if (units !== shape.classes) {
      fail(outputPath(network), `the output layer has ${units} units but the data set has ${shape.classes} classes`);
    }
    return;
  }
  if (loss === 'softmax-cross-entropy' || (loss === 'sigmoid-bce' && !shape.allowsBce)) {
    fail('network.loss', `${shape.name} data is a regression set: expected mse, got ${loss}`);
  }
  if (units !== shape.targetWidth) {
    const targets = shape.targetWidth === 1 ? '1 target' : `${shape.targetWidth} targets`;
    fail(outputPath(network), `the output layer has ${units} units but the data set has ${targets}`);
  }
}
