/**
 * One queue for every chart's redraws. A plotly redraw of a big heatmap can
 * take tens of milliseconds and cannot be split, so at most one chart draws
 * per animation frame, charts take turns (a chart asking again after its draw
 * goes to the back), and a draw longer than a frame's budget is followed by
 * a rest as long as the overrun, so slow charts redraw less often instead of
 * taking the main thread from input and the network view.
 */
export const FRAME_BUDGET_MS = 12;

export interface DrawJob {
  draw(): Promise<void>;
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
    const job = this.jobs.values().next().value;
    if (!job) return;
    this.jobs.delete(job);
    this.busy = true;
    const start = this.now();
    try {
      await job.draw();
    } finally {
      const end = this.now();
      this.restUntil = end + Math.max(0, end - start - FRAME_BUDGET_MS);
      this.busy = false;
      this.wake();
    }
  }
}

export const drawQueue = new DrawQueue();
