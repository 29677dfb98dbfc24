import { describe, expect, it } from 'vitest';
import { comparisonCsv } from '../../src/core/compare/csv';
import { reshapeHidden } from '../../src/core/compare/grid';
import { CompareJobs } from '../../src/core/compare/jobs';
import { parseCompareEvent, parseCompareRequest, type CompareEvent } from '../../src/core/compare/workerProtocol';
import { planComparison } from '../../src/core/compare/plan';
import { trainAll } from '../../src/core/compare/runner';
import { parseCompareSpec } from '../../src/core/compare/spec';
import { spread, summarizeComparison } from '../../src/core/compare/table';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment } from '../../src/core/experiment/parse';

const raw = {
  format: 'relu-lab/experiment@1',
  name: 'small',
  seed: 10,
  data: { kind: 'xor', samples: 120, noise: 0.05, testFraction: 0.25 },
  network: {
    inputs: 2,
    layers: [
      { units: 6, activation: 'relu', init: 'he-normal' },
      { units: 5, activation: 'relu', init: 'he-normal' },
      { units: 2, activation: 'linear' },
    ],
    loss: 'softmax-cross-entropy',
  },
  training: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 16, steps: 30 },
  monitor: { every: 10, probe: 64, bins: 8 },
};
const base = parseExperiment(raw);

describe('parseCompareSpec', () => {
  it('accepts activation names or {kind, alpha} and fills the default alpha', () => {
    const spec = parseCompareSpec({ variable: 'activation', values: ['relu', { kind: 'leaky-relu', alpha: 0.1 }, 'elu'], seeds: 3 }, 2);
    expect(spec).toEqual({ variable: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky-relu', alpha: 0.1 }, { kind: 'elu', alpha: 1 }], seeds: 3 });
  });

  it('names the field and what was expected', () => {
    const bad: [unknown, string][] = [
      [{ variable: 'depth', values: [1, 2] }, 'comparison.variable: unknown comparison variable "depth"'],
      [{ variable: 'lr', values: [0.1] }, 'comparison.values: expected 2–6 values, got 1'],
      [{ variable: 'lr', values: [0.1, -1] }, 'comparison.values[1]: expected a number > 0, got -1'],
      [{ variable: 'activation', values: ['relu', 'swish'] }, 'comparison.values[1]: unknown activation "swish"'],
      [{ variable: 'activation', values: ['relu', { kind: 'tanh', alpha: 1 }] }, 'comparison.values[1].alpha: not allowed for tanh'],
      [{ variable: 'layer-activation', layer: 2, values: ['relu', 'elu'] }, 'comparison.layer: expected an integer in [0, 1], got 2'],
      [{ variable: 'lr', layer: 0, values: [0.1, 0.2] }, 'comparison.layer: only for variable "layer-activation"'],
      [{ variable: 'seed', values: [1, 2], seeds: 2 }, 'comparison.seeds: expected 1 when the variable is the seed itself'],
      [{ variable: 'init', values: ['he-normal', 'glorot'] }, 'comparison.values[1]: unknown init "glorot"'],
      [{ variable: 'lr', values: [0.1, 0.2], seeds: 11 }, 'comparison.seeds: expected an integer in [1, 10], got 11'],
    ];
    for (const [spec, message] of bad) expect(() => parseCompareSpec(spec, 2)).toThrow(message);
  });
});

describe('planComparison', () => {
  it('makes values × seeds runs from the base seed up, changing only the variable', () => {
    const runs = planComparison(base, parseCompareSpec({ variable: 'activation', values: ['relu', 'elu'], seeds: 2 }, 2));
    expect(runs.map((r) => [r.label, r.seed])).toEqual([['relu', 10], ['relu', 11], ['elu', 10], ['elu', 11]]);
    expect(runs[2].experiment.network.layers.map((l) => l.activation.kind)).toEqual(['elu', 'elu', 'linear']);
    expect(runs[2].experiment.training).toEqual(base.training);
    expect(base.network.layers[0].activation.kind).toBe('relu');
  });

  it('varies one layer, the init of every layer, the learning rate or the seed', () => {
    const one = planComparison(base, parseCompareSpec({ variable: 'layer-activation', layer: 1, values: ['relu', 'prelu'] }, 2))[1];
    expect(one.experiment.network.layers.map((l) => l.activation.kind)).toEqual(['relu', 'prelu', 'linear']);
    const init = planComparison(base, parseCompareSpec({ variable: 'init', values: ['he-normal', 'zeros'] }, 2))[1];
    expect(init.experiment.network.layers.map((l) => l.init)).toEqual(['zeros', 'zeros', 'zeros']);
    const lr = planComparison(base, parseCompareSpec({ variable: 'lr', values: [0.1, 0.5] }, 2))[1];
    expect(lr.experiment.training.optimizer.lr).toBe(0.5);
    expect(lr.label).toBe('lr 0.5');
    const seeds = planComparison(base, parseCompareSpec({ variable: 'seed', values: [3, 4, 5] }, 2));
    expect(seeds.map((r) => r.experiment.seed)).toEqual([3, 4, 5]);
  });
});

describe('results table', () => {
  it('reports mean ± sample standard deviation', () => {
    expect(spread([1, 2, 3])).toEqual({ mean: 2, sd: 1, n: 3 });
    expect(spread([4])).toEqual({ mean: 4, sd: 0, n: 1 });
    expect(spread([])).toBeNull();
  });

  it('summarizes each value over its seeds and exports one CSV row per value', async () => {
    const spec = parseCompareSpec({ variable: 'activation', values: ['relu', 'tanh'], seeds: 2 }, 2);
    const runs = planComparison(base, spec);
    const results = trainAll(runs, await loadDataset(base.data, base.network, base.seed), () => performance.now());
    expect(results[0].records.map((r) => r.step)).toEqual([0, 10, 20, 30]);
    const rows = summarizeComparison(['relu', 'tanh'], results);
    const relu = rows[0];
    const accs = results.slice(0, 2).map((r) => r.summary.final.accuracy!);
    expect(relu.trainAccuracy!.mean).toBeCloseTo((accs[0] + accs[1]) / 2, 12);
    expect(relu.trainAccuracy!.n).toBe(2);
    expect(relu.units).toEqual([6, 5]);
    expect(relu.deadPerLayer).toHaveLength(2);

    const csv = comparisonCsv('activation', rows).trim().split('\n');
    expect(csv[0]).toBe('activation,runs,diverged,train_accuracy_mean,train_accuracy_sd,test_accuracy_mean,test_accuracy_sd,train_loss_mean,train_loss_sd,test_loss_mean,test_loss_sd,dead_layer0_mean,dead_layer0_sd,dead_layer1_mean,dead_layer1_sd,units_layer0,units_layer1,seconds_mean,seconds_sd');
    expect(csv).toHaveLength(3);
    const cells = csv[1].split(',');
    expect(cells.slice(0, 3)).toEqual(['relu', '2', '0']);
    expect(Number(cells[3])).toBeCloseTo(relu.trainAccuracy!.mean, 5);
  });

  it('counts diverged runs instead of averaging their NaN losses', async () => {
    const wild = parseExperiment({ ...raw, data: { kind: 'sine', samples: 50 }, network: { inputs: 1, layers: [{ units: 4, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse' } });
    const spec = parseCompareSpec({ variable: 'lr', values: [0.01, 1e6] }, 1);
    const results = trainAll(planComparison(wild, spec), await loadDataset(wild.data, wild.network, wild.seed), () => 0);
    const rows = summarizeComparison(['lr 0.01', 'lr 1000000'], results);
    expect(rows[1]).toMatchObject({ runs: 1, diverged: 1, trainLoss: null });
    expect(rows[0].trainLoss!.n).toBe(1);
    expect(comparisonCsv('lr', rows).split('\n')[2].startsWith('lr 1000000,1,1,,,')).toBe(true);
  });
});

describe('born-dead grid', () => {
  it('reshapes the hidden layers like the first one and keeps the output layer', () => {
    const e = reshapeHidden(base, 4, 3);
    expect(e.network.layers.map((l) => [l.units, l.activation.kind])).toEqual([[3, 'relu'], [3, 'relu'], [3, 'relu'], [3, 'relu'], [2, 'linear']]);
  });
});

/** Drives CompareJobs like the worker does, collecting validated events. */
function driveJobs(): { jobs: CompareJobs; events: CompareEvent[]; finished: (id: number) => Promise<void> } {
  const events: CompareEvent[] = [];
  const waiters: (() => void)[] = [];
  const jobs = new CompareJobs({
    post: (event) => {
      events.push(parseCompareEvent(JSON.parse(JSON.stringify(event))));
      waiters.splice(0).forEach((w) => w());
    },
    now: () => performance.now(),
    schedule: (fn) => setImmediate(fn),
  });
  const finished = (id: number) => new Promise<void>((resolve) => {
    const check = () => (events.some((e) => (e.type === 'done' || e.type === 'error') && e.id === id) ? resolve() : waiters.push(check));
    check();
  });
  return { jobs, events, finished };
}

describe('CompareJobs (the comparison worker)', () => {
  it('plans, trains each run with progress, then sends the table and done', async () => {
    const { jobs, events, finished } = driveJobs();
    jobs.receive({ type: 'compare', id: 1, experiment: raw, spec: { variable: 'activation', values: ['relu', 'leaky-relu', 'elu'] } });
    await finished(1);
    expect(events.map((e) => e.type).filter((t) => t !== 'progress')).toEqual(['plan', 'run', 'run', 'run', 'table', 'done']);
    const table = events.find((e) => e.type === 'table')!;
    expect(table.type === 'table' && table.rows.map((r) => r.label)).toEqual(['relu', 'leaky-relu', 'elu']);
    expect(table.type === 'table' && table.csv.split('\n')[0].startsWith('activation,runs,diverged')).toBe(true);
  });

  it('stops between runs on cancel', async () => {
    const { jobs, events, finished } = driveJobs();
    jobs.receive({ type: 'compare', id: 2, experiment: raw, spec: { variable: 'lr', values: [0.1, 0.2, 0.3], seeds: 2 } });
    jobs.receive({ type: 'cancel', id: 2 });
    await finished(2);
    expect(events.at(-1)).toEqual({ type: 'done', id: 2, cancelled: true });
    expect(events.filter((e) => e.type === 'run')).toHaveLength(0);
  });

  it('answers a malformed request or a bad spec with an error naming the field', async () => {
    const { jobs, events, finished } = driveJobs();
    jobs.receive({ type: 'compare', id: 3, experiment: raw });
    jobs.receive({ type: 'compare', id: 4, experiment: raw, spec: { variable: 'lr', values: [1] } });
    jobs.receive({ type: 'compare', id: 5, experiment: { ...raw, seed: -1 }, spec: { variable: 'lr', values: [1, 2] } });
    await Promise.all([finished(3), finished(4), finished(5)]);
    const messages = Object.fromEntries(events.map((e) => [e.id, e.type === 'error' ? e.message : e.type]));
    expect(messages[3]).toBe('request.spec: missing (expected a comparison spec)');
    expect(messages[4]).toBe('comparison.values: expected 2–6 values, got 1');
    expect(messages[5]).toContain('seed: expected an integer');
  });

  it('estimates the born-dead grid cell by cell', async () => {
    const { jobs, events, finished } = driveJobs();
    jobs.receive({ type: 'bornDeadGrid', id: 6, experiment: raw, depths: [1, 8], widths: [2, 16], trials: 200 });
    await finished(6);
    const cells = events.flatMap((e) => (e.type === 'cell' ? [e.cell] : []));
    expect(cells.map((c) => [c.depth, c.width])).toEqual([[1, 2], [1, 16], [8, 2], [8, 16]]);
    const p = (d: number, w: number) => cells.find((c) => c.depth === d && c.width === w)!.probability;
    expect(p(8, 2)).toBeGreaterThan(p(1, 2));
    expect(p(8, 2)).toBeGreaterThan(p(8, 16));
    expect(cells.every((c) => c.trials === 200)).toBe(true);
  });
});

describe('comparison messages', () => {
  it('validates requests and events with field paths', () => {
    expect(() => parseCompareRequest({ type: 'bornDeadGrid', id: 1, experiment: {}, depths: [0], widths: [2], trials: 10 })).toThrow('request.depths[0]: expected an integer in [1, 64], got 0');
    expect(() => parseCompareRequest({ type: 'compare', id: 1, experiment: {}, spec: {}, files: { 'a.csv': 3 } })).toThrow('request.files["a.csv"]: expected a string, got 3');
    expect(() => parseCompareRequest({ type: 'stop', id: 1 })).toThrow('request.type: unknown request type "stop"');
    expect(() => parseCompareEvent({ type: 'progress', id: 1, run: 0, step: -1, total: 5, done: 0, runs: 2 })).toThrow('event.step: expected an integer ≥ 0, got -1');
    expect(() => parseCompareEvent({ type: 'cell', id: 1, cell: { depth: 2, width: 2, trials: 5, dead: 1, probability: 1.5, stderr: 0 }, done: 1, cells: 1 })).toThrow('event.cell.probability: expected a number in [0, 1], got 1.5');
  });
});
