/**
 * The experiment format's limits (DESIGN §4). Beyond them a file is a typo,
 * or would take hours to generate, train or allocate: it is refused with
 * the field named instead of running forever or dying mid-allocation.
 */
import { ValidationError } from './errors';
import type { NetworkSpec } from './types';

export const LIMITS = {
  /** Samples of generated data, and data rows of a CSV or inline data set. */
  samples: 1_000_000,
  /** Units of a layer, and network.inputs. */
  units: 65_536,
  layers: 256,
  /** Weights and biases of all layers together (40 MB of float32; gradients and optimizer state take as much again, each). */
  parameters: 10_000_000,
  /** Per-sample values the buffers hold: samples per pass (batch, probe) × (inputs + every layer's units), 64 MB each of four buffers. */
  sampleValues: 16_777_216,
  /** training.steps, and training.epochs × steps per epoch. */
  steps: 100_000_000,
  epochs: 1_000_000,
  /** data.noise: the generated points have a scale of about 1. */
  noise: 100,
} as const;

/** The largest float32: the core computes in float32, so a larger number in a file would become Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Throws naming the first layer whose weights and biases bring the network over the parameter budget. */
export function checkParameterBudget(network: NetworkSpec): void {
  let total = 0;
  let inputs = network.inputs;
  network.layers.forEach((layer, i) => {
    const own = (inputs + 1) * layer.units;
    total += own;
    if (total > LIMITS.parameters) {
      throw new ValidationError(
        `network.layers[${i}]`,
        `this layer's ${own.toLocaleString('en-US')} parameters bring the network to ${total.toLocaleString('en-US')}; a network may have at most ${LIMITS.parameters.toLocaleString('en-US')} parameters (weights and biases)`,
      );
    }
    inputs = layer.units;
  });
}

/** Throws when the run's length, known once the data is, is over the step limit. */
export function checkRunLength(totalSteps: number, epochs: number, stepsPerEpoch: number): void {
  if (totalSteps <= LIMITS.steps) return;
  throw new ValidationError(
    'training.epochs',
    `${epochs} epochs of ${stepsPerEpoch} steps are ${totalSteps} steps, more than the limit of ${LIMITS.steps}: use fewer epochs or a larger batchSize`,
  );
}

/** Throws when the per-sample buffers for `capacity` samples would hold more values than the limit. */
export function checkSampleBuffers(network: NetworkSpec, capacity: number, cause: 'training.batchSize' | 'monitor.probe' | 'network.layers'): void {
  const width = network.inputs + network.layers.reduce((sum, l) => sum + l.units, 0);
  if (capacity * width <= LIMITS.sampleValues) return;
  throw new ValidationError(
    cause,
    `${capacity} samples at a time × ${width} values per sample (inputs and every layer's units) is more than the ${LIMITS.sampleValues} values the buffers may hold: use a smaller training.batchSize or monitor.probe, or fewer units`,
  );
}
