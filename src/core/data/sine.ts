import type { Rng } from '../random/rng';

/** 1-D regression: x uniform in [-π, π], y = sin x + gaussian noise of s.d. `noise`. */
export function sine(n: number, noise: number, rng: Rng): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rng.uniform(-Math.PI, Math.PI);
    x[i] = v;
    y[i] = Math.sin(v) + noise * rng.normal();
  }
  return { x, y };
}
