import type { Rng } from '../random/rng';
import { classShare, type Points } from './generated';

/** Radii as in TensorFlow Playground: a disk of radius 0.5 inside a ring from 0.7 to 1. */
const INNER = [0, 0.5] as const;
const OUTER = [0.7, 1] as const;

/** Class 0: points of the inner disk; class 1: points of the outer ring; gaussian noise of s.d. `noise`. */
export function circles(n: number, noise: number, rng: Rng): Points {
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  let i = 0;
  for (let c = 0; c < 2; c++) {
    const [lo, hi] = c === 0 ? INNER : OUTER;
    const count = classShare(n, 2, c);
    for (let k = 0; k < count; k++, i++) {
      const r = rng.uniform(lo, hi);
      const t = rng.uniform(0, 2 * Math.PI);
      x[2 * i] = r * Math.cos(t) + noise * rng.normal();
      x[2 * i + 1] = r * Math.sin(t) + noise * rng.normal();
      labels[i] = c;
    }
  }
  return { x, labels };
}
