/**
 * One queue for every chart's redraws. A plotly redraw takes several
 * milliseconds (a big heatmap tens) and cannot be split, so charts draw in
 * turns from an animation frame on, each in a task of its own, while the
 * next one's typical draw still fits in the frame's budget (a chart asking
 * again after its draw goes to the back; charts out of view after those in
 * view), and a frame that overran its budget is followed by a rest as long
 * as the overrun, so slow charts redraw less often instead of taking the
 * main thread from input and the network view.
 *
 * The budget holds the two dearest charts seen together, the heatmap
 * (16–20 ms) and the histograms (12–15 ms, the more on a slower hour of the
 * machine), with room for a draw that a garbage collection lengthened: one
 * chart per animation frame would give each only every other frame, fewer
 * than 20 a second. At 40 ms the histograms were left to the next frame
 * often enough to cost them ~1.4 redraws a second (five runs side by side,
 * the heatmap unchanged).
 */
export const FRAME_BUDGET_MS = 50;

export interface DrawJob {
  draw(): Promise<void>;
  /**
   * How long its draws typically take, in ms (unknown before the first): a
   * chart that would not end within the frame's budget waits for the next
   * frame. The first chart of a frame always draws.
   */
  readonly typicalMs?: number;
}

/** A chart out of view waits at most this long for a frame with no chart in view waiting, then joins the line. */
export const BACKGROUND_WAIT_MS = 1000;

export class DrawQueue {
  private jobs = new Set<DrawJob>();
  /** Charts out of view, with the time each asked: they draw in frames the charts in view leave free. */
  private background = new Map<DrawJob, number>();
  private frame = 0;
  private busy = false;
  private restUntil = 0;

  constructor(
    private readonly requestFrame: (cb: (now: number) => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly now: () => number = () => performance.now(),
    private readonly yieldTask: () => Promise<void> = yieldToBrowser,
  ) {}

  /**
   * A chart already waiting keeps its place: charts asking on every frame
   * must not starve the others. `background`: a chart out of view, which
   * must not take a frame's budget from the charts being watched.
   */
  request(job: DrawJob, background = false): void {
    if (!background) {
      this.background.delete(job);
      this.jobs.add(job);
    } else if (!this.jobs.has(job) && !this.background.has(job)) {
      this.background.set(job, this.now());
    }
    this.wake();
  }

  cancel(job: DrawJob): void {
    this.jobs.delete(job);
    this.background.delete(job);
  }

  get pending(): number {
    return this.jobs.size + this.background.size;
  }

  private wake(): void {
    if (!this.frame && !this.busy && this.pending) this.frame = this.requestFrame(() => void this.tick());
  }

  private async tick(): Promise<void> {
    this.frame = 0;
    if (this.now() < this.restUntil) return this.wake();
    this.busy = true;
    // The draws' own time: what the browser does between them is not theirs.
    let spent = 0;
    try {
      // Out of the animation frame's task, which also restyles, lays out and
      // paints: a collection landing in a draw there made tasks over 100 ms.
      await this.yieldTask();
      for (let job = this.next(0); job; job = this.next(spent)) {
        const start = this.now();
        await job.draw();
        spent += this.now() - start;
        // Input, frames from the core and the garbage collector get a turn
        // between two draws, and a collection landing in a draw lengthens one task only.
        if (this.pending) await this.yieldTask();
      }
    } finally {
      this.restUntil = this.now() + Math.max(0, spent - FRAME_BUDGET_MS);
      this.busy = false;
      this.wake();
    }
  }

  /**
   * The first waiting job (charts in view first), if it is the frame's first
   * or its typical draw fits in what is left of the budget.
   */
  private next(spent: number): DrawJob | undefined {
    const now = this.now();
    for (const [job, since] of this.background) {
      if (now - since < BACKGROUND_WAIT_MS) continue;
      this.background.delete(job);
      this.jobs.add(job);
    }
    const job = this.jobs.values().next().value ?? this.background.keys().next().value;
    if (!job || (spent > 0 && spent + (job.typicalMs ?? 0) >= FRAME_BUDGET_MS)) return undefined;
    this.jobs.delete(job);
    this.background.delete(job);
    return job;
  }
}

/** A turn of the event loop; with scheduler.yield (Chromium ≥ 129), the draw then comes back ahead of other waiting tasks. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

export const drawQueue = new DrawQueue();
