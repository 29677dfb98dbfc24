/** The generated data kinds: shape known from the spec alone, samples from the seed's data stream. */
import type { SyntheticDataSpec } from '../experiment/types';
import { Rng, STREAM } from '../random/rng';
import type { DataShape } from './compat';
import { classNamesOf, type Samples } from './generated';
import { circles } from './circles';
import { gaussians } from './gaussians';
import { moons } from './moons';
import { sine } from './sine';
import { spiral } from './spiral';
import { xor } from './xor';

/** Sine is regression; the other generators make 2-D points in classes (circles, xor, moons always 2). */
export function syntheticShape(spec: SyntheticDataSpec): DataShape {
  if (spec.kind === 'sine') return { name: 'sine', inputs: 1, classes: 0, targetWidth: 1 };
  const classes = spec.kind === 'spiral' || spec.kind === 'gaussians' ? spec.classes : 2;
  return { name: spec.kind, inputs: 2, classes, targetWidth: classes };
}

export function generateSynthetic(spec: SyntheticDataSpec, seed: number): Samples {
  const rng = Rng.derive(seed, STREAM.data);
  const n = spec.samples;
  if (spec.kind === 'sine') {
    const { x, y } = sine(n, spec.noise, rng);
    return {
      n, inputs: 1, x, labels: null, targets: y, targetWidth: 1, classes: 0,
      featureNames: ['x'], classNames: [],
      description: `sine, ${n} samples, noise ${spec.noise}`,
    };
  }
  const shape = syntheticShape(spec);
  const points =
    spec.kind === 'spiral' ? spiral(n, shape.classes, spec.noise, rng)
    : spec.kind === 'gaussians' ? gaussians(n, shape.classes, spec.noise, rng)
    : spec.kind === 'circles' ? circles(n, spec.noise, rng)
    : spec.kind === 'xor' ? xor(n, spec.noise, rng)
    : moons(n, spec.noise, rng);
  return {
    n, inputs: 2, x: points.x, labels: points.labels, targets: null, targetWidth: shape.classes, classes: shape.classes,
    featureNames: ['x1', 'x2'], classNames: classNamesOf(shape.classes),
    description: `${spec.kind}, ${shape.classes} classes, ${n} samples, noise ${spec.noise}`,
  };
}
