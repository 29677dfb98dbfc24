/** The run viewer's pieces that hold rules: how a run's records enter the history, what a unit's story is, how runs are grouped and averaged. */
import { describe, expect, it } from 'vitest';
import { RUNDIR_FORMAT, type RunInfo } from '../../src/core/rundir/format';
import type { RunRecord } from '../../src/core/rundir/records';
import { RunHistory } from '../../src/renderer/history';
import { historyLayers, historyRecord } from '../../src/renderer/viewer/historyRecord';
import { unitStory } from '../../src/renderer/viewer/runFacts';
import { runCompareFigure, seedGroup, type RunSeries } from '../../src/renderer/viewer/compare/compareFigures';
import { COMPARE_THEMES } from '../../src/renderer/compare/figures';

const info: RunInfo = {
  format: RUNDIR_FORMAT, name: 'cnn', created: '2026-12-07T00:00:00Z', source: { kind: 'pytorch', version: '2.5.0' },
  monitor: { every: 10, probe: 8, bins: 4 },
  layers: [
    { index: 0, name: 'features.1', activation: 'relu', units: 3, unit: 'channel', zeroGradientWhenInactive: true },
    { index: 1, name: 'head.act', activation: 'other:GELU', units: 2, unit: 'feature', zeroGradientWhenInactive: false },
  ],
};

const hist = (counts: number[]) => ({ min: -1, max: 1, counts: Uint32Array.from(counts) });

function record(step: number, rates: [number[], number[]] | null, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    step, epoch: null, loss: 1 / (step + 1), accuracy: null, testLoss: null, testAccuracy: null, nonFinite: false, final: false,
    layers: [0, 1].map((index) => ({ index, inactiveFraction: 0.5, zeroFraction: 0.5, deadCount: rates ? rates[index].filter((r) => r === 0).length : 0, gradNorm: null, weightNorm: 2 })),
    units: rates && rates.map((r) => ({ activationRate: Float32Array.from(r), preHist: hist([1, 2, 3, 4]), postHist: hist([4, 0, 0, 4]), gradHist: null, alpha: null })),
    ...extra,
  };
}

describe('a run folder in the history', () => {
  it('names the layers by module, counts units as PyTorch does, and keeps what each record has', () => {
    const h = new RunHistory();
    h.defineLayers(historyLayers(info));
    expect(h.layers.map((l) => [l.name, l.unit, l.bins])).toEqual([['features.1', 'channel', [4, 4, 4, 0]], ['head.act', 'feature', [4, 4, 4, 0]]]);
    h.append(historyRecord(record(0, [[0.5, 0.25, 0], [1, 0]]), info));
    h.append(historyRecord(record(10, null), info));
    h.append(historyRecord(record(20, [[0.5, 0, 0], [1, 0.5]]), info));
    expect(h.length).toBe(3);
    // A null norm is a gap, not a zero.
    expect(h.layerMetric(0, 0, 'gradNorm')).toBeNaN();
    expect(h.layerMetric(2, 1, 'weightNorm')).toBe(2);
    // Rates only where a units line was read.
    expect(h.rateRows(0).length).toBe(2);
    expect(h.histogramAt(0, 'grad', Infinity)).toBeNull();
    expect(Array.from(h.histogramAt(1, 'post', Infinity)!.counts)).toEqual([4, 0, 0, 4]);
  });

  it('tells a unit\'s story: since when it is never active, when it came back', () => {
    const h = new RunHistory();
    h.defineLayers(historyLayers(info));
    const rates: [number[], number[]][] = [[[0.5, 0.5, 0.5], [1, 1]], [[0, 0.5, 0], [1, 0]], [[0, 0.5, 0], [1, 0.25]], [[0, 0.5, 0.1], [1, 0.25]]];
    rates.forEach((r, k) => h.append(historyRecord(record(k * 10, r), info)));
    expect(unitStory(h, 0, 0)).toEqual({ rate: 0, never: true, since: 10, revivedAt: null });
    expect(unitStory(h, 0, 2)).toEqual({ rate: Math.fround(0.1), never: false, since: null, revivedAt: 30 });
    expect(unitStory(h, 1, 1)).toEqual({ rate: 0.25, never: false, since: null, revivedAt: 20 });
    expect(unitStory(h, 0, 1)).toEqual({ rate: 0.5, never: false, since: null, revivedAt: null });
  });
});

describe('comparing runs', () => {
  it('puts the seeds of one setting in one group, and different settings apart', () => {
    expect(seedGroup('cnn-lr0.1-seed3')).toBe('cnn-lr0.1');
    expect(seedGroup('cnn-lr0.1-seed12')).toBe('cnn-lr0.1');
    expect(seedGroup('cnn-lr0.5-seed3')).toBe('cnn-lr0.5');
    expect(seedGroup('sweep/lr0.1/seed2')).toBe('sweep/lr0.1');
    expect(seedGroup('mlp_seed=4_wide')).toBe('mlp_wide');
    expect(seedGroup('resnet-s7')).toBe('resnet');
    expect(seedGroup('seedling')).toBe('seedling');
    expect(seedGroup('seed3')).toBe('seed3');
  });

  it('draws a group of seeds as its mean with a band of ± one standard deviation, a lone run as its line', () => {
    const run = (label: string, group: string, values: number[]): RunSeries => ({
      label, group, layerNames: ['a'], steps: values.map((_, i) => i * 10), neverShare: [values], sparsity: [values.map(() => 0.5)],
    });
    const runs = [run('x-seed1', 'x', [0, 0.2, 0.4]), run('x-seed2', 'x', [0, 0.4, 0.8]), run('y', 'y', [0.1, 0.1, 0.1])];
    const f = runCompareFigure(runs, 'neverShare', 0, COMPARE_THEMES.light);
    // The group: upper edge, lower edge (filled to the upper), mean; then the lone run.
    expect(f.data.map((t) => t.name ?? null)).toEqual([null, null, 'x (mean ± sd of 2 seeds)', 'y']);
    const [hi, lo, mean] = f.data as { x: number[]; y: number[] }[];
    const last = mean.x.length - 1;
    expect(mean.x[last]).toBe(20);
    expect(mean.y[last]).toBeCloseTo(0.6);
    const sd = Math.sqrt(((0.4 - 0.6) ** 2 + (0.8 - 0.6) ** 2) / 1);
    expect(hi.y[last]).toBeCloseTo(0.6 + sd);
    expect(lo.y[last]).toBeCloseTo(0.6 - sd);
    // At the first step both seeds are at 0: no spread.
    expect([lo.y[0], mean.y[0], hi.y[0]]).toEqual([0, 0, 0]);
    expect((f.data[3] as { y: number[] }).y).toEqual([0.1, 0.1, 0.1]);
  });
});
