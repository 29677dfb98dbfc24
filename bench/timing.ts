// How every implementation is timed: warm up (JIT, caches, tfjs kernels),
// then time single iterations and take the median, which a stray GC pause
// or a neighbour's burst on a shared machine cannot drag much.

export interface TimingPolicy {
  warmupIterations: number;
  warmupSeconds: number;
  minIterations: number;
  minSeconds: number;
  maxIterations: number;
  maxSeconds: number;
}

export const TIMING: TimingPolicy = {
  warmupIterations: 5,
  warmupSeconds: 0.3,
  minIterations: 30,
  minSeconds: 1,
  maxIterations: 1000,
  maxSeconds: 3,
};

const gc = (globalThis as { gc?: () => void }).gc;

export function medianMs(run: () => void, policy: TimingPolicy = TIMING): number {
  let start = performance.now();
  for (let i = 0; i < policy.warmupIterations || performance.now() - start < policy.warmupSeconds * 1000; i++) run();
  // Start from a clean heap so one implementation's garbage is not collected on another's clock.
  gc?.();
  const times: number[] = [];
  start = performance.now();
  while (times.length < policy.maxIterations) {
    const t0 = performance.now();
    run();
    const t1 = performance.now();
    times.push(t1 - t0);
    const elapsed = t1 - start;
    if (times.length >= policy.minIterations && (elapsed >= policy.minSeconds * 1000 || elapsed >= policy.maxSeconds * 1000)) break;
  }
  return median(times);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
