import type { Rng } from '../random/rng';
import { classShare, type Points } from './generated';

/** Radians an arm turns from the centre to radius 1 (cs231n's spiral uses 4). */
const TURN = 4;

/**
 * `classes` interleaved spiral arms (cs231n, TensorFlow Playground): along an
 * arm the radius runs evenly over (0, 1) and the angle grows with the radius,
 * each arm offset by 2π/classes; then gaussian noise of s.d. `noise` moves
 * every point.
 */
export function spiral(n: number, classes: number, noise: number, rng: Rng): Points {
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  let i = 0;
  for (let c = 0; c < classes; c++) {
    const count = classShare(n, classes, c);
    for (let k = 0; k < count; k++, i++) {
      const r = (k + 0.5) / count;
      const t = TURN * r + (2 * Math.PI * c) / classes;
      x[2 * i] = r * Math.sin(t) + noise * rng.normal();
      x[2 * i + 1] = r * Math.cos(t) + noise * rng.normal();
      labels[i] = c;
    }
  }
  return { x, labels };
}
