import { describe, expect, it } from 'vitest';
import { DrawQueue, FRAME_BUDGET_MS, type DrawJob } from '../../src/renderer/charts/drawQueue';

/** A hand-cranked clock and animation-frame source. */
function harness() {
  let time = 0;
  const frames: ((now: number) => void)[] = [];
  const yields: number[] = [];
  const drawn: string[] = [];
  // Each turn the queue gives the event loop, as the number of draws before it.
  const queue = new DrawQueue((cb) => frames.push(cb), () => time, async () => void yields.push(drawn.length));
  const job = (name: string, cost: number): DrawJob => ({
    async draw() {
      drawn.push(name);
      time += cost;
    },
  });
  /** Runs one animation frame 16 ms after the last. */
  const frame = async () => {
    time += 16;
    const cb = frames.shift();
    cb?.(time);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { queue, job, drawn, frame, frames, yields };
}

describe('DrawQueue', () => {
  it('draws charts in turn within a frame until its budget is spent, each chart once however often it asked', async () => {
    const { queue, job, drawn, frame } = harness();
    const a = job('a', 10);
    const b = job('b', 10);
    const c = job('c', 10);
    queue.request(a);
    queue.request(a);
    queue.request(b);
    queue.request(c);
    await frame(); // a ends at 10 ms and b at 20, both under the budget, so c still starts
    expect(drawn).toEqual(['a', 'b', 'c']);
    await frame();
    expect(drawn).toEqual(['a', 'b', 'c']);
  });

  it('leaves the rest of the queue to the next frame once the budget is spent', async () => {
    const { queue, job, drawn, frame } = harness();
    const a = job('a', FRAME_BUDGET_MS);
    const b = job('b', 1);
    queue.request(a);
    queue.request(b);
    await frame();
    expect(drawn).toEqual(['a']);
    await frame();
    expect(drawn).toEqual(['a', 'b']);
  });

  it('starts a chart only if its typical draw fits in what is left of the frame', async () => {
    const { queue, job, drawn, frame } = harness();
    const heavy = FRAME_BUDGET_MS / 2 + 2;
    const heatmap = { ...job('heatmap', heavy), typicalMs: heavy };
    const gradients = { ...job('gradients', heavy), typicalMs: heavy };
    const loss = { ...job('loss', 4), typicalMs: 4 };
    [heatmap, gradients, loss].forEach((j) => queue.request(j));
    await frame();
    expect(drawn).toEqual(['heatmap']);
    // The rest after the frame is nil (no overrun); the next frame starts with the chart that waited.
    await frame();
    expect(drawn).toEqual(['heatmap', 'gradients', 'loss']);
  });

  it('draws the heatmap and the histograms in one frame, each in a task of its own', async () => {
    const { queue, job, drawn, frame, yields } = harness();
    const heatmap = { ...job('heatmap', 18), typicalMs: 18 };
    const histograms = { ...job('histograms', 11), typicalMs: 11 };
    queue.request(heatmap);
    queue.request(histograms);
    await frame();
    expect(drawn).toEqual(['heatmap', 'histograms']);
    // The event loop gets a turn before the first (the animation frame's own task also paints) and between the two, not after the last.
    expect(yields).toEqual([0, 1]);
  });

  it('lets charts take turns: one asking again goes to the back', async () => {
    const { queue, job, drawn, frame } = harness();
    const a = job('a', FRAME_BUDGET_MS);
    const b = job('b', FRAME_BUDGET_MS);
    const c = job('c', FRAME_BUDGET_MS);
    [a, b, c].forEach((j) => queue.request(j));
    await frame();
    queue.request(a);
    await frame();
    await frame();
    await frame();
    expect(drawn).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not starve a chart when every frame asks all charts again', async () => {
    const { queue, job, drawn, frame } = harness();
    const a = job('a', FRAME_BUDGET_MS);
    const b = job('b', FRAME_BUDGET_MS);
    for (let i = 0; i < 4; i++) {
      queue.request(a);
      queue.request(b);
      await frame();
    }
    expect(drawn).toEqual(['a', 'b', 'a', 'b']);
  });

  it('after a frame longer than its budget, rests as long as the overrun', async () => {
    const { queue, job, drawn, frame } = harness();
    // Starts at t = 16 and draws for budget + 40 ms, so it rests 40 ms after it ends, until t = budget + 112.
    const slow = job('slow', FRAME_BUDGET_MS + 40);
    queue.request(slow);
    await frame();
    queue.request(slow);
    await frame(); // 16 ms after the draw ended
    await frame(); // 32 ms
    expect(drawn).toEqual(['slow']);
    await frame(); // 48 ms: the rest is over
    expect(drawn).toEqual(['slow', 'slow']);
  });

  it('draws on every frame while draws are cheap', async () => {
    const { queue, job, drawn, frame } = harness();
    const quick = job('quick', 8);
    for (let i = 0; i < 3; i++) {
      queue.request(quick);
      await frame();
    }
    expect(drawn).toEqual(['quick', 'quick', 'quick']);
  });

  it('draws a chart out of view only in a frame the charts in view leave free', async () => {
    const { queue, job, drawn, frame } = harness();
    const heatmap = { ...job('heatmap', 18), typicalMs: 18 };
    const histograms = { ...job('histograms', 11), typicalMs: 11 };
    const loss = { ...job('loss (out of view)', FRAME_BUDGET_MS - 29), typicalMs: FRAME_BUDGET_MS - 29 };
    queue.request(loss, true);
    queue.request(heatmap);
    queue.request(histograms);
    await frame();
    expect(drawn).toEqual(['heatmap', 'histograms']);
    await frame();
    expect(drawn).toEqual(['heatmap', 'histograms', 'loss (out of view)']);
  });

  it('lets a chart out of view join the line after waiting a second, so its figure never lags far behind', async () => {
    const { queue, job, drawn, frame } = harness();
    const busy = { ...job('in view', 30), typicalMs: 30 };
    const loss = { ...job('loss (out of view)', FRAME_BUDGET_MS - 30), typicalMs: FRAME_BUDGET_MS - 30 };
    queue.request(loss, true);
    let frames = 0;
    while (!drawn.includes('loss (out of view)') && frames++ < 100) {
      queue.request(busy);
      await frame();
    }
    // Each frame takes 16 ms plus the 30 ms draw: the second has passed after ~22 frames.
    expect(frames).toBeGreaterThan(15);
    expect(frames).toBeLessThan(30);
  });

  it('moves a chart that comes into view ahead of those out of view', async () => {
    const { queue, job, drawn, frame } = harness();
    // Two such charts do not fit in one frame's budget.
    const half = FRAME_BUDGET_MS / 2;
    const a = { ...job('a', half), typicalMs: half };
    const b = { ...job('b', half), typicalMs: half };
    queue.request(a, true);
    queue.request(b, true);
    queue.request(b);
    await frame();
    expect(drawn).toEqual(['b']);
  });

  it('forgets cancelled charts', async () => {
    const { queue, job, drawn, frame } = harness();
    const a = job('a', 1);
    queue.request(a);
    queue.cancel(a);
    queue.request(a, true);
    queue.cancel(a);
    await frame();
    expect(drawn).toEqual([]);
    expect(queue.pending).toBe(0);
  });
});
