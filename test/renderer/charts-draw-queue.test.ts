import { describe, expect, it } from 'vitest';
import { DRAW_SHARE, DrawQueue, FRAME_BUDGET_MS, type DrawJob } from '../../src/renderer/charts/drawQueue';

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
  /** Runs frames until the queue has drawn `count` charts in all (at most 50 frames); returns how many it ran. */
  const framesUntil = async (count: number) => {
    let n = 0;
    while (drawn.length < count && n < 50) {
      await frame();
      n++;
    }
    return n;
  };
  return { queue, job, drawn, frame, framesUntil, frames, yields, now: () => time };
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

  it('leaves the rest of the queue to a later frame once the budget is spent', async () => {
    const { queue, job, drawn, frame, framesUntil } = harness();
    const a = job('a', FRAME_BUDGET_MS);
    const b = job('b', 1);
    queue.request(a);
    queue.request(b);
    await frame();
    expect(drawn).toEqual(['a']);
    await framesUntil(2);
    expect(drawn).toEqual(['a', 'b']);
  });

  it('starts a chart only if its typical draw fits in what is left of the frame', async () => {
    const { queue, job, drawn, frame, framesUntil } = harness();
    const heavy = FRAME_BUDGET_MS / 2 + 2;
    const heatmap = { ...job('heatmap', heavy), typicalMs: heavy };
    const gradients = { ...job('gradients', heavy), typicalMs: heavy };
    const loss = { ...job('loss', 4), typicalMs: 4 };
    [heatmap, gradients, loss].forEach((j) => queue.request(j));
    await frame();
    expect(drawn).toEqual(['heatmap']);
    // A later frame starts with the chart that waited; the small one fits after it.
    await framesUntil(3);
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
    const { queue, job, drawn, framesUntil } = harness();
    const a = job('a', FRAME_BUDGET_MS);
    const b = job('b', FRAME_BUDGET_MS);
    const c = job('c', FRAME_BUDGET_MS);
    [a, b, c].forEach((j) => queue.request(j));
    await framesUntil(1);
    queue.request(a);
    await framesUntil(4);
    expect(drawn).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not starve a chart when every frame asks all charts again', async () => {
    const { queue, job, drawn, frame } = harness();
    const a = job('a', FRAME_BUDGET_MS);
    const b = job('b', FRAME_BUDGET_MS);
    for (let i = 0; i < 12 && drawn.length < 4; i++) {
      queue.request(a);
      queue.request(b);
      await frame();
    }
    expect(drawn).toEqual(['a', 'b', 'a', 'b']);
  });

  it('rests after a frame’s draws until they make up DRAW_SHARE of the time since the frame began', async () => {
    const { queue, job, drawn, frame, now } = harness();
    // Drawn at t = 16 for 30 ms: the queue rests until 16 + 30 / DRAW_SHARE (66 ms at 0.6), whatever asks meanwhile.
    const slow = job('slow', 30);
    queue.request(slow);
    await frame();
    const restsUntil = 16 + 30 / DRAW_SHARE;
    const at: number[] = [];
    while (drawn.length < 2) {
      queue.request(slow);
      await frame();
      if (drawn.length === 2) at.push(now() - 30);
    }
    // The second draw starts at the first animation frame after the rest.
    expect(at[0]).toBeGreaterThanOrEqual(restsUntil);
    expect(at[0]).toBeLessThan(restsUntil + 16);
  });

  it('draws less often as draws get slower (a busy machine), keeping them to DRAW_SHARE of the time', async () => {
    for (const cost of [10, 25, 60]) {
      const { queue, job, drawn, frame, now } = harness();
      const chart = job('chart', cost);
      while (now() < 5000) {
        queue.request(chart);
        await frame();
      }
      const share = (drawn.length * cost) / now();
      expect(share).toBeLessThanOrEqual(DRAW_SHARE + 0.01);
      // Not much less either: only the animation frames' granularity is lost.
      expect(share).toBeGreaterThan(cost <= 10 ? 0.35 : DRAW_SHARE - 0.2);
    }
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
    const { queue, job, drawn, frame, framesUntil } = harness();
    const heatmap = { ...job('heatmap', 18), typicalMs: 18 };
    const histograms = { ...job('histograms', 11), typicalMs: 11 };
    const loss = { ...job('loss (out of view)', FRAME_BUDGET_MS - 29), typicalMs: FRAME_BUDGET_MS - 29 };
    queue.request(loss, true);
    queue.request(heatmap);
    queue.request(histograms);
    await frame();
    expect(drawn).toEqual(['heatmap', 'histograms']);
    await framesUntil(3);
    expect(drawn).toEqual(['heatmap', 'histograms', 'loss (out of view)']);
  });

  it('lets a chart out of view join the line after waiting a second, so its figure never lags far behind', async () => {
    const { queue, job, drawn, frame, now } = harness();
    const busy = { ...job('in view', 30), typicalMs: 30 };
    const loss = { ...job('loss (out of view)', FRAME_BUDGET_MS - 30), typicalMs: FRAME_BUDGET_MS - 30 };
    queue.request(loss, true);
    let frames = 0;
    while (!drawn.includes('loss (out of view)') && frames++ < 200) {
      queue.request(busy);
      await frame();
    }
    // Every frame the queue draws in has the chart in view to draw first, with no room after it: the other waits its second.
    expect(now()).toBeGreaterThan(1000);
    expect(now()).toBeLessThan(1200);
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
