import { describe, expect, it } from 'vitest';
import { planComparison } from '../../src/core/compare/plan';
import { trainAll } from '../../src/core/compare/runner';
import { parseCompareSpec } from '../../src/core/compare/spec';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment } from '../../src/core/experiment/parse';
import { compareFigure, runColor } from '../../src/renderer/compare/figures';
import { formFromSpec, specFromForm, type CompareForm } from '../../src/renderer/compare/form';
import { gridFigure } from '../../src/renderer/borndead/gridFigure';
import { CompareClient } from '../../src/renderer/compare/compareClient';

const form: CompareForm = { variable: 'activation', layer: 0, activations: ['relu', 'elu'], inits: ['he-normal', 'zeros'], numbers: '0.1, 0.01', seeds: 2 };
const theme = { text: '#000', grid: '#ccc', paper: '#fff' };

describe('comparison form', () => {
  it('turns the chosen values into a spec the worker accepts', () => {
    expect(specFromForm(form, 2)).toEqual({ variable: 'activation', values: [{ kind: 'relu' }, { kind: 'elu', alpha: 1 }], seeds: 2 });
    expect(specFromForm({ ...form, variable: 'lr' }, 2)).toEqual({ variable: 'lr', values: [0.1, 0.01], seeds: 2 });
    expect(specFromForm({ ...form, variable: 'seed', numbers: '1 2 3' }, 2)).toEqual({ variable: 'seed', values: [1, 2, 3], seeds: 1 });
    expect(specFromForm({ ...form, variable: 'layer-activation', layer: 1 }, 2)).toMatchObject({ variable: 'layer-activation', layer: 1 });
  });

  it('says what to fix', () => {
    expect(specFromForm({ ...form, activations: ['relu'] }, 2)).toBe('comparison.values: expected 2–6 values, got 1');
    expect(specFromForm({ ...form, variable: 'lr', numbers: '0.1, fast' }, 2)).toBe('"fast" is not a number: write 2–6 numbers separated by commas');
    expect(specFromForm({ ...form, variable: 'lr', numbers: '0.1, 0' }, 2)).toBe('comparison.values[1]: expected a number > 0, got 0');
  });

  it('is prefilled from a preset suggestion', () => {
    const spec = parseCompareSpec({ variable: 'lr', values: [0.07, 0.001] }, 3);
    expect(formFromSpec(spec, form)).toMatchObject({ variable: 'lr', numbers: '0.07, 0.001', seeds: 1, activations: ['relu', 'elu'] });
  });
});

describe('comparison charts', () => {
  it('draws each value in its color: the mean over its seeds with a ± sd band, or the one run as it went', async () => {
    const base = parseExperiment({
      format: 'relu-lab/experiment@1', seed: 3,
      data: { kind: 'xor', samples: 80 },
      network: { inputs: 2, layers: [{ units: 4, activation: 'relu', init: 'he-normal' }, { units: 4, activation: 'relu' }, { units: 2, activation: 'linear' }], loss: 'softmax-cross-entropy' },
      training: { optimizer: { kind: 'sgd', lr: 0.1 }, steps: 20 },
      monitor: { every: 5 },
    });
    const spec = parseCompareSpec({ variable: 'activation', values: ['relu', 'tanh'], seeds: 2 }, 2);
    const results = trainAll(planComparison(base, spec), await loadDataset(base.data, base.network, base.seed), () => 0);

    const dead = compareFigure('dead', results, theme);
    // Per value: the band's upper and lower edge (out of the legend), then the mean, in the value's colour.
    expect(dead.data.map((t) => t.name ?? null)).toEqual([null, null, 'relu (mean ± sd of 2 seeds)', null, null, 'tanh (mean ± sd of 2 seeds)']);
    expect(dead.data.map((t) => t.showlegend ?? true)).toEqual([false, false, true, false, false, true]);
    expect(dead.data[1].fill).toBe('tonexty');
    expect(dead.data[1].fillcolor).toMatch(/^rgba\(/);
    expect([dead.data[2], dead.data[5]].map((t) => (t.line as { color: string }).color)).toEqual([runColor(0), runColor(1)]);
    expect(dead.data[2].x).toEqual([0, 5, 10, 15, 20]);
    const share = (r: (typeof results)[number], i: number): number => (r.records[i].layers[0].deadCount + r.records[i].layers[1].deadCount) / 8;
    const last = (t: (typeof dead.data)[number]): number => (t.y as number[])[4];
    const [a, b] = [share(results[0], 4), share(results[1], 4)];
    const sd = Math.abs(a - b) / Math.SQRT2;
    expect(last(dead.data[2])).toBeCloseTo((a + b) / 2, 12);
    expect(last(dead.data[1])).toBeCloseTo((a + b) / 2 - sd, 12);
    expect(last(dead.data[0])).toBeCloseTo((a + b) / 2 + sd, 12);

    // One seed: each run's own line.
    const single = compareFigure('dead', results.filter((r) => r.seed === 3), theme);
    expect(single.data.map((t) => t.name)).toEqual(['relu', 'tanh']);
    const first = results[0].records[0];
    expect((single.data[0].y as number[])[0]).toBe((first.layers[0].deadCount + first.layers[1].deadCount) / 8);

    const flow = compareFigure('gradient-flow', results, theme, 'title');
    expect(flow.data[0].x).toEqual([1, 2]);
    expect(flow.layout.yaxis).toMatchObject({ type: 'log' });
    expect(flow.layout.title).toMatchObject({ text: 'title' });
  });
});

describe('born-dead grid chart', () => {
  it('places each cell at its depth and width and leaves missing cells empty', () => {
    const cell = { trials: 10, dead: 5, probability: 0.5, stderr: 0.16 };
    const f = gridFigure([{ depth: 2, width: 3, ...cell }], [1, 2], [3, 4], theme, { depth: 2, width: 4 });
    expect(f.data[0].z).toEqual([[null, null], [0.5, null]]);
    expect(f.data[0].text).toEqual([['', ''], ['50%', '']]);
    expect(f.data[1]).toMatchObject({ x: ['4'], y: ['2'] });
  });
});

describe('CompareClient (the renderer side of the comparison worker)', () => {
  function fakeWorker() {
    const sent: unknown[] = [];
    const worker = { onmessage: null as ((e: MessageEvent) => void) | null, onerror: null as ((e: ErrorEvent) => void) | null, postMessage: (m: unknown) => sent.push(m) };
    return { worker, sent, deliver: (data: unknown) => worker.onmessage!({ data } as MessageEvent) };
  }

  it('numbers jobs, routes validated events to their job, and forgets a job once done', () => {
    const { worker, sent, deliver } = fakeWorker();
    const client = new CompareClient(worker);
    const events: string[] = [];
    const id = client.start({ type: 'compare', experiment: {}, spec: {} }, (e) => events.push(e.type));
    expect(sent).toEqual([{ type: 'compare', experiment: {}, spec: {}, id }]);
    deliver({ type: 'progress', id, run: 0, step: 5, total: 10, done: 0, runs: 2 });
    deliver({ type: 'done', id, cancelled: false });
    deliver({ type: 'progress', id, run: 0, step: 6, total: 10, done: 0, runs: 2 });
    expect(events).toEqual(['progress', 'done']);
    client.cancel(id);
    expect(sent.at(-1)).toEqual({ type: 'cancel', id });
  });

  it('ends a job with an error naming the field when the worker sends something malformed', () => {
    const { worker, deliver } = fakeWorker();
    const client = new CompareClient(worker);
    const messages: string[] = [];
    const id = client.start({ type: 'bornDeadGrid', experiment: {}, depths: [2], widths: [2], trials: 10 }, (e) => messages.push(e.type === 'error' ? e.message : e.type));
    deliver({ type: 'cell', id, cell: { depth: 2, width: 2, trials: 10, dead: 3, probability: 'high', stderr: 0 }, done: 1, cells: 1 });
    expect(messages).toEqual(['unexpected message from the comparison worker: event.cell.probability: expected a number in [0, 1], got "high"']);
  });
});
