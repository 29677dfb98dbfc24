/**
 * One queue for every chart's redraws. A plotly redraw takes several
 * milliseconds (a big heatmap tens) and cannot be split, so charts draw in
 * turns from an animation frame on, each in a task of its own, while the
 * next one's typical draw still fits in the frame's budget (a chart asking
 * again after its draw goes to the back; charts out of view after those in
 * view). After a frame's draws the queue rests until they make up at most
 * DRAW_SHARE of the time since the frame began, so slow charts, or a
 * machine too busy to draw them at full speed, redraw less often instead
 * of taking the main thread from input, the core's frames and the page's
 * own rendering.
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

/**
 * The most of the main thread's time the draws take, over a frame and the
 * rest after it. With a core kept busy by another process, the draws of the
 * MNIST lesson's charts took the main thread whole (plotly ~45 %, the
 * rendering they cause ~40 %): clicks waited behind them, and the core's
 * frames and status, which the renderer handles between draws, waited too.
 * Where the draws are fast (the two charts of the top view together ~20 ms)
 * this leaves them every frame the core sends (25 a second).
 */
export const DRAW_SHARE = 0.6;

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
    const began = this.now();
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
        // Input, frames and status from the core and the garbage collector
        // get a turn between two draws, and a collection landing in a draw
        // lengthens one task only.
        if (this.pending) await this.yieldTask();
      }
    } finally {
      this.restUntil = began + spent / DRAW_SHARE;
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

/**
 * A turn of the event loop as an ordinary task, behind the tasks already
 * waiting: the core's messages among them. (scheduler.yield would bring the
 * draw back ahead of them: a frame's draws then kept the core's status and
 * frames waiting, a pause took ~150 ms to show on a busy machine.) A
 * MessageChannel, since setTimeout(0) waits at least 4 ms once nested.
 */
function yieldToBrowser(): Promise<void> {
  if (!turns) {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    turns = { post: (resolve) => { waiting.push(resolve); channel.port2.postMessage(null); } };
  }
  return new Promise((resolve) => turns!.post(resolve));
}
let turns: { post(resolve: () => void): void } | null = null;

export const drawQueue = new DrawQueue();
