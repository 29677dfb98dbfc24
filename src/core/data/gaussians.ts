import type { Rng } from '../random/rng';
import { classShare, type Points } from './generated';

/** Blob centres sit on a circle of this radius. */
const RADIUS = 0.75;
/** Spread of a blob at noise 0: blobs stay blobs, `noise` widens them until they overlap. */
const BASE_SD = 0.15;

/** `classes` isotropic gaussian blobs, centres evenly spaced on a circle, s.d. 0.15 + noise. */
export function gaussians(n: number, classes: number, noise: number, rng: Rng): Points {
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const sd = BASE_SD + noise;
  let i = 0;
  for (let c = 0; c < classes; c++) {
    const angle = (2 * Math.PI * c) / classes;
    const cx = RADIUS * Math.cos(angle);
    const cy = RADIUS * Math.sin(angle);
    const count = classShare(n, classes, c);
    for (let k = 0; k < count; k++, i++) {
      x[2 * i] = cx + sd * rng.normal();
      x[2 * i + 1] = cy + sd * rng.normal();
      labels[i] = c;
    }
  }
  return { x, labels };
}
