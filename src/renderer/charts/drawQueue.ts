/**
 * One queue for every chart's redraws. A plotly redraw takes several
 * milliseconds (a big heatmap tens) and cannot be split, so charts draw in
 * turns within an animation frame while the next one's last draw still fits
 * in the frame's budget (a chart asking again after its draw goes to the
 * back), and a frame that overran its budget is followed by a rest as long
 * as the overrun, so slow charts redraw less often instead of taking the
 * main thread from input and the network view.
 */
export const FRAME_BUDGET_MS = 24;

export interface DrawJob {
  draw(): Promise<void>;
  /**
   * How long its last draw took, in ms (unknown before the first): a chart
   * that would not end within the frame's budget waits for the next frame,
   * rather than two heavy charts making one long task. The first chart of a
   * frame always draws.
   */
  readonly lastMs?: number;
}

export class DrawQueue {
  private jobs = new Set<DrawJob>();
  private frame = 0;
  private busy = false;
  private restUntil = 0;

  constructor(
    private readonly requestFrame: (cb: (now: number) => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A chart already waiting keeps its place: charts asking on every frame must not starve the others. */
  request(job: DrawJob): void {
    this.jobs.add(job);
    this.wake();
  }

  cancel(job: DrawJob): void {
    this.jobs.delete(job);
  }

  get pending(): number {
    return this.jobs.size;
  }

  private wake(): void {
    if (!this.frame && !this.busy && this.jobs.size) this.frame = this.requestFrame(() => void this.tick());
  }

  private async tick(): Promise<void> {
    this.frame = 0;
    if (this.now() < this.restUntil) return this.wake();
    this.busy = true;
    const start = this.now();
    try {
      for (let job = this.next(0); job; job = this.next(this.now() - start)) {
        await job.draw();
      }
    } finally {
      const end = this.now();
      this.restUntil = end + Math.max(0, end - start - FRAME_BUDGET_MS);
      this.busy = false;
      this.wake();
    }
  }

  /** The first waiting job, if it is the frame's first or its last draw fits in what is left of the budget. */
  private next(elapsed: number): DrawJob | undefined {
    const job = this.jobs.values().next().value;
    if (!job || (elapsed > 0 && elapsed + (job.lastMs ?? 0) >= FRAME_BUDGET_MS)) return undefined;
    this.jobs.delete(job);
    return job;
  }
}

export const drawQueue = new DrawQueue();
