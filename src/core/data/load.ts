/**
 * Experiment data spec → Dataset, checked against the network. The same
 * spec, network and seed always give the same Dataset, bit for bit.
 */
import { ValidationError } from '../experiment/errors';
import type { DataSpec, NetworkSpec } from '../experiment/types';
import { checkNetworkFits } from './compat';
import { csvSamples, readCsvText } from './csvData';
import type { Samples } from './generated';
import { inlineSamples } from './inline';
import { MNIST_SHAPE, loadMnist } from './mnist';
import { splitSamples } from './split';
import { generateSynthetic, syntheticShape } from './synthetic';
import type { Dataset, ReadText } from './types';

/** `readText` reads CSV files; hosts that cannot read files leave it out. */
export async function loadDataset(spec: DataSpec, network: NetworkSpec, seed: number, readText?: ReadText): Promise<Dataset> {
  return splitSamples(await samplesFor(spec, network, seed, readText), network.loss, spec.testFraction, seed);
}

async function samplesFor(spec: DataSpec, network: NetworkSpec, seed: number, readText?: ReadText): Promise<Samples> {
  switch (spec.kind) {
    case 'mnist':
      checkNetworkFits(MNIST_SHAPE, network);
      return loadMnist(spec, seed);
    case 'csv': {
      const samples = csvSamples(await readCsvText(spec, readText), spec, network.loss);
      checkNetworkFits(shapeOf(samples, 'CSV'), network);
      return samples;
    }
    case 'inline': {
      const samples = inlineSamples(spec, network);
      checkNetworkFits({ ...shapeOf(samples, 'inline'), allowsBce: true }, network);
      return samples;
    }
    case 'spiral':
    case 'circles':
    case 'xor':
    case 'gaussians':
    case 'moons':
    case 'sine':
      checkNetworkFits(syntheticShape(spec), network);
      return generateSynthetic(spec, seed);
    default:
      throw new ValidationError('data.kind', `unknown data kind ${JSON.stringify((spec as { kind: unknown }).kind)}`, 'data');
  }
}

function shapeOf(s: Samples, name: string) {
  return { name, inputs: s.inputs, classes: s.classes, targetWidth: s.targetWidth };
}
