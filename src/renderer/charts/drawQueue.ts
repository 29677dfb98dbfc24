/**
 * One queue for every chart's redraws. A plotly redraw takes several
 * milliseconds (a big heatmap tens) and cannot be split, so charts draw in
 * turns within an animation frame until the frame's budget is spent (a chart
 * asking again after its draw goes to the back), and a frame that overran
 * its budget is followed by a rest as long as the overrun, so slow charts
 * redraw less often instead of taking the main thread from input and the
 * network view.
 */
export const FRAME_BUDGET_MS = 24;

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
    this.busy = true;
    const start = this.now();
    try {
      for (let job = this.next(); job; job = this.now() - start < FRAME_BUDGET_MS ? this.next() : undefined) {
        await job.draw();
      }
    } finally {
      const end = this.now();
      this.restUntil = end + Math.max(0, end - start - FRAME_BUDGET_MS);
      this.busy = false;
      this.wake();
    }
  }

  private next(): DrawJob | undefined {
    const job = this.jobs.values().next().value;
    if (job) this.jobs.delete(job);
    return job;
  }
}

export const drawQueue = new DrawQueue();
