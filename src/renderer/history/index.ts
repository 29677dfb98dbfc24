/**
 * Everything the instruments show about the current run, bounded in memory:
 * scalar series (run-wide and per hidden layer), the per-unit activation
 * rates behind the dying-neuron heatmap, and histogram snapshots. Old points
 * are thinned (see DecimatedRows) so a run of a million steps stays small.
 */
import type { ActivationKind } from '../../core/experiment/types';
import type { Frame, Histogram, LayerFrame } from '../../core/protocol/messages';
import { DecimatedRows } from './decimatedRows';
import {
  HISTOGRAM_KINDS, LAYER_METRICS, globalColumn, layerColumn, scalarWidth,
  type GlobalMetric, type HistogramKind, type LayerMetric,
} from './layout';

export { DecimatedRows } from './decimatedRows';
export * from './layout';

export interface HistoryLayer {
  index: number;
  units: number;
  activation: ActivationKind;
  zeroGradientWhenInactive: boolean;
  /** Bin count of each histogram kind, in HISTOGRAM_KINDS order. */
  bins: number[];
}

export interface HistogramSnapshot {
  step: number;
  min: number;
  max: number;
  counts: Float64Array;
}

export interface HistoryLimits {
  /** Rows kept of the scalar series and of the activation-rate matrix. */
  points: number;
  /** Histogram snapshots kept per layer. */
  snapshots: number;
}

export const DEFAULT_LIMITS: HistoryLimits = { points: 2000, snapshots: 240 };

const newF64 = (n: number) => new Float64Array(n);
const newF32 = (n: number) => new Float32Array(n);

function histogramOf(layer: LayerFrame, kind: HistogramKind): Histogram {
  switch (kind) {
    case 'pre': return layer.preHist;
    case 'post': return layer.postHist;
    case 'grad': return layer.gradHist;
    case 'weight': return layer.weightHist;
  }
}

function layerMetric(layer: LayerFrame, metric: LayerMetric): number {
  if (metric === 'alpha') return layer.alpha ?? NaN;
  return layer[metric];
}

function sameShape(layers: HistoryLayer[], frame: Frame): boolean {
  return layers.length === frame.layers.length && frame.layers.every((l, i) =>
    l.units === layers[i].units && l.activation === layers[i].activation &&
    HISTOGRAM_KINDS.every((k, j) => histogramOf(l, k).counts.length === layers[i].bins[j]));
}

export class RunHistory {
  private _version = 0;
  private _layers: HistoryLayer[] = [];
  private scalars = new DecimatedRows(scalarWidth(0), 4, newF64);
  private rates: DecimatedRows<Float32Array>[] = [];
  private hists: DecimatedRows<Float64Array>[] = [];
  /** Offsets of each histogram kind inside a layer's snapshot row: [min, max, counts…] per kind. */
  private histOffsets: number[][] = [];
  private _latest: Frame | null = null;

  constructor(readonly limits: HistoryLimits = DEFAULT_LIMITS) {}

  /** Increments on every change; React keys redraws on it. */
  get version(): number {
    return this._version;
  }

  get layers(): readonly HistoryLayer[] {
    return this._layers;
  }

  /** Number of scalar records kept. */
  get length(): number {
    return this.scalars.length;
  }

  get latest(): Frame | null {
    return this._latest;
  }

  /** How many frames one kept record stands for. */
  get sampling(): number {
    return this.scalars.sampling;
  }

  step(record: number): number {
    return this.scalars.step(record);
  }

  lastStep(): number {
    return this.length ? this.step(this.length - 1) : 0;
  }

  /** Number of records with step ≤ `step`: the series as the timeline shows them. */
  countUpTo(step: number): number {
    return this.scalars.countUpTo(step);
  }

  /** NaN where the frame had null (no test set, no accuracy for regression, not PReLU). */
  metric(record: number, metric: GlobalMetric): number {
    return this.scalars.value(record, globalColumn(metric));
  }

  layerMetric(record: number, layer: number, metric: LayerMetric): number {
    return this.scalars.value(record, layerColumn(layer, metric));
  }

  /** Per-unit activation rates of a hidden layer over time (row = record, width = units). */
  rateRows(layer: number): DecimatedRows<Float32Array> {
    return this.rates[layer];
  }

  snapshotCount(layer: number): number {
    return this.hists[layer]?.length ?? 0;
  }

  snapshotStep(layer: number, snapshot: number): number {
    return this.hists[layer].step(snapshot);
  }

  /** Snapshot `snapshot` of one histogram; `counts` is a view into the history, copy it to keep it. */
  histogram(layer: number, kind: HistogramKind, snapshot: number): HistogramSnapshot {
    const rows = this.hists[layer];
    const k = HISTOGRAM_KINDS.indexOf(kind);
    const base = snapshot * rows.width + this.histOffsets[layer][k];
    const values = rows.values;
    return {
      step: rows.step(snapshot),
      min: values[base],
      max: values[base + 1],
      counts: values.subarray(base + 2, base + 2 + this._layers[layer].bins[k]),
    };
  }

  /** The latest snapshot at or before `step`, or null before the first. */
  histogramAt(layer: number, kind: HistogramKind, step: number): HistogramSnapshot | null {
    const rows = this.hists[layer];
    if (!rows) return null;
    const n = rows.countUpTo(step);
    return n === 0 ? null : this.histogram(layer, kind, n - 1);
  }

  append(frame: Frame): void {
    if (!sameShape(this._layers, frame) || (this.length > 0 && frame.step < this.lastStep())) this.reshape(frame);
    this._latest = frame;

    const at = this.scalars.push(frame.step);
    const s = this.scalars.values;
    s[at + globalColumn('epoch')] = frame.epoch;
    s[at + globalColumn('loss')] = frame.loss;
    s[at + globalColumn('accuracy')] = frame.accuracy ?? NaN;
    s[at + globalColumn('testLoss')] = frame.testLoss ?? NaN;
    s[at + globalColumn('testAccuracy')] = frame.testAccuracy ?? NaN;

    for (let l = 0; l < frame.layers.length; l++) {
      const layer = frame.layers[l];
      for (const m of LAYER_METRICS) s[at + layerColumn(l, m)] = layerMetric(layer, m);

      const rates = this.rates[l];
      rates.values.set(layer.activationRate, rates.push(frame.step));

      const hists = this.hists[l];
      const row = hists.push(frame.step);
      const h = hists.values;
      for (let k = 0; k < HISTOGRAM_KINDS.length; k++) {
        const hist = histogramOf(layer, HISTOGRAM_KINDS[k]);
        const o = row + this.histOffsets[l][k];
        h[o] = hist.min;
        h[o + 1] = hist.max;
        h.set(hist.counts, o + 2);
      }
    }
    this._version++;
  }

  clear(): void {
    this._layers = [];
    this.scalars = new DecimatedRows(scalarWidth(0), 4, newF64);
    this.rates = [];
    this.hists = [];
    this.histOffsets = [];
    this._latest = null;
    this._version++;
  }

  /** A new network (or a restarted run): start over with tables of its shape. */
  private reshape(frame: Frame): void {
    const { points, snapshots } = this.limits;
    this._layers = frame.layers.map((l) => ({
      index: l.index,
      units: l.units,
      activation: l.activation,
      zeroGradientWhenInactive: l.zeroGradientWhenInactive,
      bins: HISTOGRAM_KINDS.map((k) => histogramOf(l, k).counts.length),
    }));
    this.scalars = new DecimatedRows(scalarWidth(frame.layers.length), points, newF64);
    this.rates = this._layers.map((l) => new DecimatedRows(l.units, points, newF32));
    this.histOffsets = this._layers.map((l) => {
      let at = 0;
      return l.bins.map((b) => { const o = at; at += b + 2; return o; });
    });
    this.hists = this._layers.map((l) => new DecimatedRows(l.bins.reduce((a, b) => a + b + 2, 0), snapshots, newF64));
  }
}
