import type { Rng } from '../random/rng';
import type { Points } from './generated';

/**
 * scikit-learn's make_moons: floor(n/2) points on the upper half circle
 * (class 0) and the rest on a lower half circle shifted to (1, 0.5)
 * (class 1), angles evenly spaced over [0, π], then gaussian noise of
 * s.d. `noise` on both coordinates. Same coordinates as sklearn, x ∈ [-1, 2].
 */
export function moons(n: number, noise: number, rng: Rng): Points {
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const outer = Math.floor(n / 2);
  const inner = n - outer;
  for (let i = 0; i < n; i++) {
    const isOuter = i < outer;
    const k = isOuter ? i : i - outer;
    const count = isOuter ? outer : inner;
    const t = count > 1 ? (Math.PI * k) / (count - 1) : 0;
    const px = isOuter ? Math.cos(t) : 1 - Math.cos(t);
    const py = isOuter ? Math.sin(t) : 0.5 - Math.sin(t);
    x[2 * i] = px + noise * rng.normal();
    x[2 * i + 1] = py + noise * rng.normal();
    labels[i] = isOuter ? 0 : 1;
  }
  return { x, labels };
}
