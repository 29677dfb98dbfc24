/**
 * The whole run as one JSON document, `relu-lab/run@1`: what it is (the
 * experiment file, or a run folder's source), its layers, and the history
 * the charts show — one metrics record per kept step in the shape of
 * `metrics.jsonl` (DESIGN §4), each kept step's activation rates, and the
 * kept histogram snapshots — so that opening the file again (Open Run…)
 * draws the same charts. Files exported before the rates and histograms
 * were added still open, with their metrics.
 */
import { experimentToRaw } from '../store/checkDesign';
import { parseExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import type { Histogram } from '../../core/protocol/messages';
import type { RunInfo } from '../../core/rundir/format';
import { parseRunInfo, RunFieldError } from '../../core/rundir/parse';
import { HISTOGRAM_KINDS, type HistoryLayer, type HistoryLayerRecord, type HistoryRecord, type RunHistory } from '../history';
import type { RunSubject } from './subject';

export const RUN_FORMAT = 'relu-lab/run@1';

const opt = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);
/** Float32 values written with the digits that read back as the same float32. */
const f32 = (v: number): number => Number(v.toPrecision(9));

export function metricsRecords(h: RunHistory, upto = Infinity): Record<string, unknown>[] {
  const n = h.countUpTo(upto);
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    records.push({
      step: h.step(i),
      epoch: opt(h.metric(i, 'epoch')) ?? null,
      loss: opt(h.metric(i, 'loss')) ?? null,
      accuracy: opt(h.metric(i, 'accuracy')),
      testLoss: opt(h.metric(i, 'testLoss')),
      testAccuracy: opt(h.metric(i, 'testAccuracy')),
      layers: h.layers.map((layer, l) => ({
        index: l,
        activation: layer.activation,
        units: layer.units,
        inactiveFraction: h.layerMetric(i, l, 'inactiveFraction'),
        zeroFraction: h.layerMetric(i, l, 'zeroFraction'),
        deadCount: h.layerMetric(i, l, 'deadCount'),
        gradNorm: opt(h.layerMetric(i, l, 'gradNorm')) ?? null,
        weightNorm: opt(h.layerMetric(i, l, 'weightNorm')) ?? null,
        updateRatio: opt(h.layerMetric(i, l, 'updateRatio')) ?? null,
        alpha: opt(h.layerMetric(i, l, 'alpha')),
      })),
    });
  }
  return records;
}

/** Each kept step's activation rates, per layer. */
function unitRecords(h: RunHistory): Record<string, unknown>[] {
  const byStep = new Map<number, { index: number; activationRate: number[] }[]>();
  h.layers.forEach((layer, l) => {
    const rows = h.rateRows(l);
    for (let r = 0; r < rows.length; r++) {
      const at = r * rows.width;
      const rates = Array.from(rows.values.subarray(at, at + rows.width), f32);
      const step = rows.step(r);
      if (!byStep.has(step)) byStep.set(step, []);
      byStep.get(step)!.push({ index: l, activationRate: rates });
    }
  });
  return [...byStep].sort(([a], [b]) => a - b).map(([step, layers]) => ({ step, layers }));
}

/** Each kept histogram snapshot, per layer and kind (null for a kind the snapshot lacks). */
function histogramRecords(h: RunHistory): Record<string, unknown>[] {
  const byStep = new Map<number, Record<string, unknown>[]>();
  h.layers.forEach((_, l) => {
    for (let s = 0; s < h.snapshotCount(l); s++) {
      const entry: Record<string, unknown> = { index: l };
      let step = 0;
      for (const kind of HISTOGRAM_KINDS) {
        const snap = h.histogram(l, kind, s);
        step = snap.step;
        entry[kind] = Number.isNaN(snap.min) ? null : { min: snap.min, max: snap.max, counts: Array.from(snap.counts) };
      }
      if (!byStep.has(step)) byStep.set(step, []);
      byStep.get(step)!.push(entry);
    }
  });
  return [...byStep].sort(([a], [b]) => a - b).map(([step, layers]) => ({ step, layers }));
}

export function runJson(h: RunHistory, subject: RunSubject): string {
  // Compact: a run's rates and histograms are hundreds of thousands of numbers.
  return JSON.stringify({
    format: RUN_FORMAT,
    name: subject.name,
    experiment: subject.experiment ? experimentToRaw(subject.experiment) : null,
    ...(subject.info ? { source: subject.info.source, run: subject.info } : {}),
    /** Each kept record stands for this many frames (old points are thinned). */
    sampling: h.sampling,
    layers: h.layers.map((l) => ({ index: l.index, ...(l.name ? { name: l.name } : {}), activation: l.activation, units: l.units, zeroGradientWhenInactive: l.zeroGradientWhenInactive, bins: l.bins })),
    metrics: metricsRecords(h),
    units: unitRecords(h),
    histograms: histogramRecords(h),
  });
}

// ───────────────────────────── reading it back

export interface OpenedRunJson {
  name: string;
  experiment: Experiment | null;
  /** The run folder's run.json it was exported from, if it was. */
  info: RunInfo | null;
  layers: HistoryLayer[];
  records: HistoryRecord[];
}

type Obj = Record<string, unknown>;

function fail(path: string, expected: string): never {
  throw new RunFieldError(path, expected);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Obj;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, 'expected an array');
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number') fail(path, `expected a number, got ${JSON.stringify(v)}`);
  return v;
}

const numOr = (v: unknown, path: string, fallback: number): number => (v === undefined || v === null ? fallback : num(v, path));

function histogram(v: unknown, path: string, bins: number): Histogram | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, path);
  const counts = arr(o.counts, `${path}.counts`);
  if (counts.length !== bins) fail(`${path}.counts`, `expected ${bins} bins (as layers[].bins says), got ${counts.length}`);
  return { min: num(o.min, `${path}.min`), max: num(o.max, `${path}.max`), counts: Uint32Array.from(counts, (c, i) => num(c, `${path}.counts[${i}]`)) };
}

function layersOf(doc: Obj): HistoryLayer[] {
  if (doc.layers !== undefined) {
    return arr(doc.layers, 'layers').map((raw, i) => {
      const path = `layers[${i}]`;
      const l = obj(raw, path);
      const bins = arr(l.bins, `${path}.bins`).map((b, k) => num(b, `${path}.bins[${k}]`));
      if (bins.length !== HISTOGRAM_KINDS.length) fail(`${path}.bins`, `expected ${HISTOGRAM_KINDS.length} bin counts (${HISTOGRAM_KINDS.join(', ')})`);
      if (typeof l.activation !== 'string') fail(`${path}.activation`, 'expected an activation name');
      return {
        index: i,
        ...(typeof l.name === 'string' ? { name: l.name } : {}),
        activation: l.activation as HistoryLayer['activation'],
        units: num(l.units, `${path}.units`),
        zeroGradientWhenInactive: l.zeroGradientWhenInactive === true,
        bins,
      };
    });
  }
  // An export from before the layers were written: they are in every metrics record.
  const first = arr(doc.metrics, 'metrics')[0];
  if (first === undefined) return [];
  return arr(obj(first, 'metrics[0]').layers, 'metrics[0].layers').map((raw, i) => {
    const l = obj(raw, `metrics[0].layers[${i}]`);
    const activation = typeof l.activation === 'string' ? l.activation : 'other:unknown';
    return {
      index: i,
      activation: activation as HistoryLayer['activation'],
      units: num(l.units, `metrics[0].layers[${i}].units`),
      zeroGradientWhenInactive: activation === 'relu' || activation === 'relu6',
      bins: HISTOGRAM_KINDS.map(() => 0),
    };
  });
}

/** Reads a run JSON the app exported; refuses anything else naming the field (the file's name is the caller's to add). */
export function parseRunJson(text: string): OpenedRunJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail('', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const doc = obj(raw, '');
  if (doc.format !== RUN_FORMAT) fail('format', `expected "${RUN_FORMAT}", got ${JSON.stringify(doc.format)}`);
  let experiment: Experiment | null = null;
  if (doc.experiment !== undefined && doc.experiment !== null) {
    try {
      experiment = parseExperiment(doc.experiment);
    } catch (e) {
      fail('experiment', e instanceof Error ? e.message : String(e));
    }
  }
  const info = doc.run !== undefined ? parseRunInfo(doc.run) : null;
  const layers = layersOf(doc);
  const units = new Map<number, Obj[]>();
  arr(doc.units ?? [], 'units').forEach((u, i) => units.set(num(obj(u, `units[${i}]`).step, `units[${i}].step`), arr((u as Obj).layers, `units[${i}].layers`).map((l, j) => obj(l, `units[${i}].layers[${j}]`))));
  const hists = new Map<number, Obj[]>();
  arr(doc.histograms ?? [], 'histograms').forEach((h, i) => hists.set(num(obj(h, `histograms[${i}]`).step, `histograms[${i}].step`), arr((h as Obj).layers, `histograms[${i}].layers`).map((l, j) => obj(l, `histograms[${i}].layers[${j}]`))));

  const records = arr(doc.metrics, 'metrics').map((raw, i): HistoryRecord => {
    const path = `metrics[${i}]`;
    const m = obj(raw, path);
    const step = num(m.step, `${path}.step`);
    const ml = arr(m.layers, `${path}.layers`);
    if (ml.length !== layers.length) fail(`${path}.layers`, `expected ${layers.length} layers, got ${ml.length}`);
    const unitLayers = units.get(step);
    const histLayers = hists.get(step);
    return {
      step,
      epoch: numOr(m.epoch, `${path}.epoch`, NaN),
      loss: numOr(m.loss, `${path}.loss`, NaN),
      accuracy: m.accuracy === undefined ? null : num(m.accuracy, `${path}.accuracy`),
      testLoss: m.testLoss === undefined ? null : num(m.testLoss, `${path}.testLoss`),
      testAccuracy: m.testAccuracy === undefined ? null : num(m.testAccuracy, `${path}.testAccuracy`),
      layers: ml.map((rawLayer, l): HistoryLayerRecord => {
        const lp = `${path}.layers[${l}]`;
        const x = obj(rawLayer, lp);
        const layer = layers[l];
        const u = unitLayers?.find((e) => e.index === l);
        const h = histLayers?.find((e) => e.index === l);
        const rates = u ? arr(u.activationRate, `units (step ${step}).layers[${l}].activationRate`) : null;
        if (rates && rates.length !== layer.units) fail(`units (step ${step}).layers[${l}].activationRate`, `expected ${layer.units} rates, got ${rates.length}`);
        const hp = `histograms (step ${step}).layers[${l}]`;
        return {
          units: layer.units,
          activation: layer.activation,
          zeroGradientWhenInactive: layer.zeroGradientWhenInactive,
          inactiveFraction: num(x.inactiveFraction, `${lp}.inactiveFraction`),
          zeroFraction: num(x.zeroFraction, `${lp}.zeroFraction`),
          deadCount: num(x.deadCount, `${lp}.deadCount`),
          gradNorm: numOr(x.gradNorm, `${lp}.gradNorm`, NaN),
          weightNorm: numOr(x.weightNorm, `${lp}.weightNorm`, NaN),
          updateRatio: numOr(x.updateRatio, `${lp}.updateRatio`, NaN),
          alpha: x.alpha === undefined || x.alpha === null ? null : num(x.alpha, `${lp}.alpha`),
          activationRate: rates ? Float32Array.from(rates, (r, k) => num(r, `units (step ${step}).layers[${l}].activationRate[${k}]`)) : null,
          preHist: h ? histogram(h.pre, `${hp}.pre`, layer.bins[0]) : null,
          postHist: h ? histogram(h.post, `${hp}.post`, layer.bins[1]) : null,
          gradHist: h ? histogram(h.grad, `${hp}.grad`, layer.bins[2]) : null,
          weightHist: h ? histogram(h.weight, `${hp}.weight`, layer.bins[3]) : null,
        };
      }),
    };
  });
  const name = typeof doc.name === 'string' ? doc.name : experiment?.name ?? 'run';
  return { name, experiment, info, layers, records };
}
