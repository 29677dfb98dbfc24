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
    expect(h.lastStep()).toBe(10);
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

  it('keeps a run folder\'s records, whose layers are named and may lack some views, in tables shaped once', () => {
    const h = new RunHistory();
    h.defineLayers([{ index: 0, name: 'features.2', units: 2, activation: 'other:GELU', zeroGradientWhenInactive: false, bins: [4, 4, 4, 0] }]);
    expect(h.layers[0].name).toBe('features.2');
    const withoutWeights = (step: number, rates: number[] | null, grad: boolean) => {
      const f = frame(step, [{ rates: rates ?? [0, 0] }]);
      const l = f.layers[0];
      return { ...f, layers: [{ ...l, activation: 'other:GELU' as const, zeroGradientWhenInactive: false, activationRate: rates ? l.activationRate : null, weightHist: null, gradHist: grad ? l.gradHist : null }] };
    };
    h.append(withoutWeights(0, [0.5, 1], true));
    h.append(withoutWeights(10, null, false));
    h.append(withoutWeights(20, [0, 1], false));
    // Same tables throughout: a record lacking a view is not another shape.
    expect(h.length).toBe(3);
    expect(h.layers[0].name).toBe('features.2');
    // The units view only where a record had it.
    expect([0, 1].map((r) => h.rateRows(0).step(r))).toEqual([0, 20]);
    expect(h.rateRows(0).length).toBe(2);
    expect(h.histogramAt(0, 'weight', Infinity)).toBeNull();
    expect(h.histogramAt(0, 'grad', Infinity)).toBeNull();
    expect(h.histogramAt(0, 'grad', 5)!.step).toBe(0);
    expect(Array.from(h.histogramAt(0, 'pre', Infinity)!.counts)).toEqual([1, 2, 3, 4]);
  });
});
