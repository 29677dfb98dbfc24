/**
 * When to stop handing work to the helper thread: waiting longer for it
 * than this thread took for its own half (and longer than a wake-up) means
 * the split took longer than doing the whole here, because the helper's
 * core is busy with other work. Another process on a 2-core machine made
 * the CLI's MNIST steps 4× slower (51 instead of ~200 steps a second),
 * three threads taking turns on two cores. After LATE_IN_A_ROW such jobs,
 * jobs stay on the calling thread for a while, then the helper is tried
 * again: a quarter second at first, twice as long each time it is late
 * again (to 4 s), back to a quarter second once ON_TIME_AGAIN judged jobs
 * in a row were not. The kernels give the same bits either way.
 */

/** Jobs in a row the helper must finish late before jobs stay on the calling thread. */
export const LATE_IN_A_ROW = 4;
export const ALONE_MS = 250;
export const ALONE_MAX_MS = 4000;
export const ON_TIME_AGAIN = 64;
/**
 * A wait shorter than this is the helper waking from its sleep between a
 * step's products, not a helper kept from its core: judged late, such waits
 * made an idle machine's MNIST steps 15–25 % slower.
 */
export const LATE_MS = 0.5;
/** Shorter jobs are not judged: a helper woken for one can be a millisecond late on an idle machine, which costs the step little. */
export const JUDGED_MS = 0.1;

export class LatePolicy {
  private late = 0;
  private onTime = 0;
  private aloneMs = ALONE_MS;
  private aloneUntil = -Infinity;

  /** Whether a job started at `now` may go to the helper. */
  allows(now: number): boolean {
    return now >= this.aloneUntil;
  }

  /** A joined job: this thread's own half took `ownMs`, then it waited `waitedMs` for the helper's; `now` is when it ended. */
  judge(ownMs: number, waitedMs: number, now: number): void {
    if (ownMs < JUDGED_MS) return;
    if (waitedMs <= ownMs || waitedMs < LATE_MS) {
      this.late = 0;
      if (++this.onTime >= ON_TIME_AGAIN) this.aloneMs = ALONE_MS;
    } else if (++this.late >= LATE_IN_A_ROW) {
      this.late = 0;
      this.onTime = 0;
      this.aloneUntil = now + this.aloneMs;
      this.aloneMs = Math.min(2 * this.aloneMs, ALONE_MAX_MS);
    }
  }
}
