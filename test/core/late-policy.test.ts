/** When the kernels stop handing work to a helper thread that other work keeps from its core, and when they try it again. */
import { describe, expect, it } from 'vitest';
import { ALONE_MAX_MS, ALONE_MS, LATE_IN_A_ROW, LatePolicy, ON_TIME_AGAIN } from '../../src/core/kernels/wasm/latePolicy';

/** `count` jobs of 1 ms of this thread's own work, each waiting `waitedMs` for the helper, from `t` on; returns when they end. */
function jobs(policy: LatePolicy, count: number, waitedMs: number, t: number): number {
  for (let i = 0; i < count; i++) {
    t += 1 + waitedMs;
    policy.judge(1, waitedMs, t);
  }
  return t;
}

describe('the helper thread, when late', () => {
  it('keeps jobs while it finishes in time, and a wake-up or a short job does not count as late', () => {
    const policy = new LatePolicy();
    let t = jobs(policy, 100, 0.2, 0);
    // Waiting 0.4 ms for a helper that woke up is not late, even after a 0.2 ms half of our own.
    for (let i = 0; i < 10; i++) policy.judge(0.2, 0.4, (t += 0.6));
    // A 0.05 ms job is not judged, however long it waited.
    for (let i = 0; i < 10; i++) policy.judge(0.05, 3, (t += 3));
    expect(policy.allows(t)).toBe(true);
  });

  it(`goes alone for ${ALONE_MS} ms after ${LATE_IN_A_ROW} late jobs in a row, then tries the helper again`, () => {
    const policy = new LatePolicy();
    let t = jobs(policy, LATE_IN_A_ROW - 1, 4, 0);
    t = jobs(policy, 1, 0.1, t); // one on time breaks the row
    t = jobs(policy, LATE_IN_A_ROW - 1, 4, t);
    expect(policy.allows(t)).toBe(true);
    t = jobs(policy, 1, 4, t);
    expect(policy.allows(t)).toBe(false);
    expect(policy.allows(t + ALONE_MS - 1)).toBe(false);
    expect(policy.allows(t + ALONE_MS)).toBe(true);
  });

  it('stays alone twice as long each time the helper is late again, up to a limit, and forgets once it is on time', () => {
    const policy = new LatePolicy();
    let t = 0;
    const alone: number[] = [];
    for (let round = 0; round < 7; round++) {
      t = jobs(policy, LATE_IN_A_ROW, 4, t);
      const from = t;
      while (!policy.allows(t)) t += 1;
      alone.push(t - from);
    }
    expect(alone).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000].map((ms) => Math.min(ms, ALONE_MAX_MS)));
    t = jobs(policy, ON_TIME_AGAIN, 0.1, t);
    t = jobs(policy, LATE_IN_A_ROW, 4, t);
    const from = t;
    while (!policy.allows(t)) t += 1;
    expect(t - from).toBe(ALONE_MS);
  });
});
