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
  return mediansInTurns([run], policy)[0];
}

/** A turn of mediansInTurns, in seconds. */
const TURN_SECONDS = 0.25;

/**
 * The medians of several runs timed in turns of a quarter second, round
 * after round, until each has its iterations and seconds: a burst of load
 * on a shared machine then falls on all of them alike, so their ratios
 * (issue 7's (b)/(a)) are not the luck of which one ran during it. (Timed
 * one after the other, (a) and (b) moved 5 % between runs here.)
 */
export function mediansInTurns(runs: (() => void)[], policy: TimingPolicy = TIMING): number[] {
  for (const run of runs) {
    const start = performance.now();
    for (let i = 0; i < policy.warmupIterations || performance.now() - start < policy.warmupSeconds * 1000; i++) run();
  }
  // Start from a clean heap so one implementation's garbage is not collected on another's clock.
  gc?.();
  const times = runs.map((): number[] => []);
  const spent = runs.map(() => 0);
  const done = (i: number): boolean =>
    times[i].length >= policy.maxIterations ||
    (times[i].length >= policy.minIterations && (spent[i] >= policy.minSeconds * 1000 || spent[i] >= policy.maxSeconds * 1000));
  while (runs.some((_, i) => !done(i))) {
    runs.forEach((run, i) => {
      const turn = performance.now();
      while (!done(i) && performance.now() - turn < TURN_SECONDS * 1000) {
        const t0 = performance.now();
        run();
        const t1 = performance.now();
        times[i].push(t1 - t0);
        spent[i] += t1 - t0;
      }
    });
  }
  return times.map(median);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
