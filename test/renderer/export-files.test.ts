import { describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/core/experiment/parse';
import { DEFAULT_OPTIONS } from '../../src/renderer/charts/figures/types';
import { chartCsv, deadHeatmapCsv, histogramsCsv, lossCsv, sparsityCsv, weightsCsv } from '../../src/renderer/export/csv';
import { exportFileName, experimentFileName, slug, weightsFileName } from '../../src/renderer/platform/fileNames';
import { dataUrlBytes } from '../../src/renderer/export/image';
import { reportHtml, scriptSafe } from '../../src/renderer/export/report';
import { parseRunJson, RUN_FORMAT, runJson } from '../../src/renderer/export/runJson';
import { labSubject } from '../../src/renderer/export/subject';
import { HISTOGRAM_KINDS, LAYER_METRICS, RunHistory } from '../../src/renderer/history';
import { frame, hist } from './history-frames';

function run(): RunHistory {
  const h = new RunHistory();
  for (let i = 0; i < 5; i++) {
    h.append(frame(i * 10, [
      { rates: [0.5, i > 2 ? 0 : 0.5, 0.25] },
      { rates: [0.9, 0.8], activation: 'prelu', alpha: 0.25 },
    ], { testLoss: 0.5, testAccuracy: 0.75 }));
  }
  return h;
}

const lines = (csv: string) => csv.trimEnd().split('\n');

describe('file names', () => {
  it('say what the file is: experiment, chart, step', () => {
    expect(exportFileName('Spiral ReLU', 'sparsity', 1200, 'svg')).toBe('spiral-relu_sparsity_step-1200.svg');
    expect(exportFileName('Dying ReLU: bias −100 (é)', 'dead-heatmap', 30, 'png')).toBe('dying-relu-bias-100-e_dead-heatmap_step-30.png');
    expect(exportFileName('', 'run', null, 'json')).toBe('run_run.json');
    expect(slug('  ---  ', 'run')).toBe('run');
  });

  it('name an experiment, its weights and its exports alike, accents dropped', () => {
    expect(experimentFileName('Café ReLU')).toBe('cafe-relu.relu.json');
    expect(weightsFileName('Café ReLU', 300)).toBe('cafe-relu_step-300.weights.json');
    expect(exportFileName('Café ReLU', 'loss', 300, 'png')).toBe('cafe-relu_loss_step-300.png');
    expect(experimentFileName('')).toBe('experiment.relu.json');
  });
});

describe('CSV', () => {
  it('loss: one row per kept step', () => {
    const csv = lines(lossCsv(run(), Infinity));
    expect(csv[0]).toBe('step,epoch,loss,accuracy,test_loss,test_accuracy');
    expect(csv).toHaveLength(1 + 5);
    expect(csv[1]).toBe('0,0,1,0.5,0.5,0.75');
  });

  it('sparsity: one row per step × layer, cut at the timeline step', () => {
    const csv = lines(sparsityCsv(run(), Infinity));
    expect(csv[0]).toBe('step,layer,activation,units,inactive_fraction,zero_fraction,dead_count,dead_share');
    expect(csv).toHaveLength(1 + 5 * 2);
    expect(csv.at(-2)).toBe(`40,0,relu,3,${1 - 0.75 / 3},${1 - 0.75 / 3},1,${1 / 3}`);
    expect(lines(sparsityCsv(run(), 15))).toHaveLength(1 + 2 * 2);
  });

  it('dead heatmap: one row per step × layer × unit', () => {
    const csv = lines(deadHeatmapCsv(run(), Infinity, DEFAULT_OPTIONS));
    expect(csv[0]).toBe('step,layer,unit,activation_rate,dead');
    expect(csv).toHaveLength(1 + 5 * 3 + 5 * 2);
    expect(csv).toContain('30,0,1,0,1');
    expect(lines(deadHeatmapCsv(run(), Infinity, { ...DEFAULT_OPTIONS, layer: 1 }))).toHaveLength(1 + 5 * 2);
  });

  it('histograms: one row per bin, at the shown step or every snapshot over time', () => {
    const h = new RunHistory();
    h.append(frame(0, [{ rates: [1], pre: hist(-2, 2, [1, 2, 3, 4]) }]));
    h.append(frame(10, [{ rates: [1], pre: hist(-2, 2, [4, 3, 2, 1]) }]));
    const now = lines(histogramsCsv(h, Infinity, DEFAULT_OPTIONS));
    expect(now[0]).toBe('step,layer,kind,bin,bin_low,bin_high,count');
    expect(now).toHaveLength(1 + 4 + 4);
    expect(now[1]).toBe('10,0,pre,0,-2,-1,4');
    expect(lines(histogramsCsv(h, Infinity, { ...DEFAULT_OPTIONS, histogramMode: 'time' }))).toHaveLength(1 + 2 * 8);
    expect(lines(histogramsCsv(h, 5, DEFAULT_OPTIONS))[1]).toBe('0,0,pre,0,-2,-1,1');
  });

  it('weights: histogram bins, then PReLU α per step', () => {
    const csv = lines(weightsCsv(run(), Infinity));
    expect(csv[0]).toBe('step,layer,kind,bin,bin_low,bin_high,count,alpha');
    expect(csv).toHaveLength(1 + 2 * 4 + 5);
    expect(csv.at(-1)).toBe('40,1,alpha,,,,,0.25');
  });

  it('every chart has a CSV with a header', () => {
    for (const id of ['loss', 'sparsity', 'dead-heatmap', 'histograms', 'gradient-flow', 'weights'] as const) {
      expect(lines(chartCsv(id, run(), Infinity, DEFAULT_OPTIONS))[0]).toMatch(/^step,/);
    }
  });
});

describe('run JSON and report', () => {
  it('holds the experiment and one metrics record per kept step', () => {
    const doc = JSON.parse(runJson(run(), labSubject(defaultExperiment())));
    expect(doc.format).toBe(RUN_FORMAT);
    expect(doc.experiment.format).toBe('relu-lab/experiment@1');
    expect(doc.metrics).toHaveLength(5);
    expect(doc.metrics[4]).toMatchObject({ step: 40, testAccuracy: 0.75, layers: [{ index: 0, deadCount: 1 }, { index: 1, alpha: 0.25 }] });
    expect(doc.metrics[0].layers[0].alpha).toBeUndefined();
  });

  it('opens again as the same history: every kept record, rate and histogram (round trip)', () => {
    const h = new RunHistory({ points: 8, snapshots: 4 });
    for (let i = 0; i < 30; i++) {
      h.append(frame(i * 5, [
        { rates: [i / 30, i % 3 === 0 ? 0 : 1 / 3, 0.125], pre: hist(-1 - i, i + 1, [i, 1, 2, 3]) },
        { rates: [0.9, 1 / 7], activation: 'prelu', alpha: 0.25 + i / 100 },
      ], { testLoss: i % 2 ? 0.5 : null }));
    }
    const opened = parseRunJson(runJson(h, labSubject(defaultExperiment())));
    expect(opened.experiment?.name).toBe(defaultExperiment().name);
    const back = new RunHistory({ points: 8, snapshots: 4 });
    back.defineLayers(opened.layers);
    opened.records.forEach((r) => back.append(r));
    expect(back.length).toBe(h.length);
    expect(back.layers).toEqual(h.layers);
    for (let i = 0; i < h.length; i++) {
      expect(back.step(i)).toBe(h.step(i));
      for (const m of ['loss', 'accuracy', 'testLoss'] as const) expect(back.metric(i, m)).toEqual(h.metric(i, m));
      for (let l = 0; l < 2; l++) for (const m of LAYER_METRICS) expect(back.layerMetric(i, l, m)).toEqual(h.layerMetric(i, l, m));
    }
    for (let l = 0; l < 2; l++) {
      const a = h.rateRows(l);
      const b = back.rateRows(l);
      expect(b.length).toBe(a.length);
      expect(Array.from(b.values.subarray(0, b.length * b.width))).toEqual(Array.from(a.values.subarray(0, a.length * a.width)));
      expect(back.snapshotCount(l)).toBe(h.snapshotCount(l));
      for (let s = 0; s < h.snapshotCount(l); s++) {
        for (const k of HISTOGRAM_KINDS) {
          const x = h.histogram(l, k, s);
          const y = back.histogram(l, k, s);
          expect([y.step, y.min, y.max, Array.from(y.counts)]).toEqual([x.step, x.min, x.max, Array.from(x.counts)]);
        }
      }
    }
  });

  it('an export from before rates and histograms were kept still opens, with its metrics', () => {
    const old = JSON.stringify({ format: RUN_FORMAT, experiment: null, sampling: 1, metrics: [
      { step: 0, epoch: 0, loss: 1, layers: [{ index: 0, activation: 'relu', units: 3, inactiveFraction: 0.5, zeroFraction: 0.5, deadCount: 1, gradNorm: 1, weightNorm: 2, updateRatio: 0 }] },
    ] });
    const opened = parseRunJson(old);
    expect(opened.layers).toEqual([{ index: 0, activation: 'relu', units: 3, zeroGradientWhenInactive: true, bins: [0, 0, 0, 0] }]);
    expect(opened.records[0].layers[0]).toMatchObject({ deadCount: 1, activationRate: null, preHist: null });
  });

  it('refuses a file that is not a run export, naming the field', () => {
    expect(() => parseRunJson('{"format": "relu-lab/experiment@1"}')).toThrow('format: expected "relu-lab/run@1", got "relu-lab/experiment@1"');
    expect(() => parseRunJson(JSON.stringify({ format: RUN_FORMAT, layers: [], metrics: [{ step: 0, layers: [{}] }] }))).toThrow('metrics[0].layers: expected 0 layers, got 1');
  });

  it('the report inlines plotly and every figure, and cannot be closed early by its data', () => {
    const e = { ...defaultExperiment(), name: 'x </script><b>' };
    const html = reportHtml(run(), labSubject(e), 'window.Plotly = {}; "</script>"');
    expect(html.match(/<div class="chart" id="chart-/g)).toHaveLength(6);
    expect(html).toContain('window.Plotly = {}; "<\\/script>"');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain('x &lt;/script&gt;&lt;b&gt;');
    expect(html).toContain('<th>test accuracy</th><td>0.75</td>');
    expect(scriptSafe('a<!--b')).toBe('a<\\!--b');
  });
});

it('decodes the data URLs plotly returns', () => {
  expect(new TextDecoder().decode(dataUrlBytes('data:image/svg+xml,%3Csvg%3E%3C%2Fsvg%3E'))).toBe('<svg></svg>');
  expect(Array.from(dataUrlBytes('data:image/png;base64,iVBORw=='))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(() => dataUrlBytes('nope')).toThrow(/data: URL/);
});
