/**
 * Does a network fit a data set? Checked before training (and, for
 * generated data, before generating) so the message can name the network
 * field to change. What each loss fits is the loss's own record
 * (nn/losses.ts); here it is only applied to a network.
 */
import { ValidationError } from '../experiment/errors';
import type { NetworkSpec } from '../experiment/types';
import { LOSSES, type TargetShape } from '../nn/losses';

export interface DataShape extends TargetShape {
  inputs: number;
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
  const fit = LOSSES[network.loss].fit(shape);
  if ('refusal' in fit) fail('network.loss', fit.refusal);
  const units = network.layers[network.layers.length - 1].units;
  if (units !== fit.units) fail(outputPath(network), `the output layer has ${units} units but ${fit.because}`);
}
