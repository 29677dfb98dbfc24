import type { Rng } from '../random/rng';
import { classShare, type Points } from './generated';

/**
 * Points uniform in [-1, 1]², half of them in each class: class 1 where
 * sign(x)·sign(y) > 0 (first and third quadrants), class 0 in the other two.
 * Gaussian noise of s.d. `noise` then moves the points, blurring the boundary.
 */
export function xor(n: number, noise: number, rng: Rng): Points {
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const zeros = classShare(n, 2, 0);
  for (let i = 0; i < n; i++) {
    const c = i < zeros ? 0 : 1;
    const a = rng.uniform(-1, 1);
    // |b| uniform in [0, 1), its sign chosen so that the quadrant matches the class.
    const magnitude = rng.next();
    const b = (a > 0) === (c === 1) ? magnitude : -magnitude;
    labels[i] = c;
    x[2 * i] = a + noise * rng.normal();
    x[2 * i + 1] = b + noise * rng.normal();
  }
  return { x, labels };
}
