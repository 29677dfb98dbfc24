import { describe, expect, it } from 'vitest';
import { RunHistory } from '../../src/renderer/history';
import { frame, hist } from './history-frames';

describe('RunHistory', () => {
  it('records run-wide and per-layer series; null becomes NaN', () => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [0.5, 0.5] }, { rates: [0, 1, 1], activation: 'prelu', alpha: 0.25 }]));
    h.append(frame(10, [{ rates: [0, 0.5] }, { rates: [0, 0, 1], activation: 'prelu', alpha: 0.3 }], { testLoss: 0.7 }));
    expect(h.length).toBe(2);
    expect(h.layers.map((l) => [l.units, l.activation])).toEqual([[2, 'relu'], [3, 'prelu']]);
    expect(h.metric(1, 'loss')).toBeCloseTo(1 / 11);
    expect(h.metric(0, 'testLoss')).toBeNaN();
    expect(h.metric(1, 'testLoss')).toBe(0.7);
    expect(h.layerMetric(1, 0, 'inactiveFraction')).toBe(0.75);
    expect(h.layerMetric(1, 1, 'deadCount')).toBe(2);
    expect(h.layerMetric(0, 0, 'alpha')).toBeNaN();
    expect(h.layerMetric(1, 1, 'alpha')).toBe(0.3);
    expect(Array.from(h.rateRows(1).values.subarray(3, 6))).toEqual([0, 0, 1]);
    expect(h.latest?.step).toBe(10);
  });

  it('bumps its version on every change', () => {
    const h = new RunHistory();
    const v0 = h.version;
    h.append(frame(0, [{ rates: [1] }]));
    expect(h.version).toBe(v0 + 1);
    h.clear();
    expect(h.version).toBe(v0 + 2);
    expect(h.length).toBe(0);
    expect(h.layers).toEqual([]);
  });

  it('keeps histogram snapshots and finds the one shown at a step', () => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [1], pre: hist(-2, 2, [1, 0, 0, 5]) }]));
    h.append(frame(50, [{ rates: [1], pre: hist(-1, 3, [0, 4, 4, 0]) }]));
    expect(h.histogramAt(0, 'pre', -1)).toBeNull();
    const at30 = h.histogramAt(0, 'pre', 30)!;
    expect([at30.step, at30.min, at30.max, Array.from(at30.counts)]).toEqual([0, -2, 2, [1, 0, 0, 5]]);
    expect(Array.from(h.histogramAt(0, 'pre', Infinity)!.counts)).toEqual([0, 4, 4, 0]);
    expect(Array.from(h.histogramAt(0, 'post', Infinity)!.counts)).toEqual([3, 2, 1, 4]);
  });

  it('starts over for a network of another shape, or when the step goes back (reset)', () => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [1, 1] }]));
    h.append(frame(10, [{ rates: [1, 1] }]));
    h.append(frame(0, [{ rates: [1, 1] }]));
    expect(h.length).toBe(1);
    h.append(frame(10, [{ rates: [1, 1, 0] }]));
    expect(h.length).toBe(1);
    expect(h.layers[0].units).toBe(3);
  });

  it('stays bounded on a long run', () => {
    const h = new RunHistory({ points: 100, snapshots: 20 });
    for (let s = 0; s <= 10_000; s++) h.append(frame(s, [{ rates: [s % 2, 1] }]));
    expect(h.length).toBeLessThanOrEqual(100);
    expect(h.rateRows(0).length).toBeLessThanOrEqual(100);
    expect(h.snapshotCount(0)).toBeLessThanOrEqual(20);
    expect(h.step(0)).toBe(0);
    expect(h.lastStep()).toBe(10_000);
    expect(h.rateRows(0).step(h.rateRows(0).length - 1)).toBe(10_000);
  });
});
