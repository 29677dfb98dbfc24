/**
 * Everything the instruments show about the current run, bounded in memory:
 * scalar series (run-wide and per hidden layer), the per-unit activation
 * rates behind the dying-neuron heatmap, and histogram snapshots. Old points
 * are thinned (see DecimatedRows) so a run of a million steps stays small.
 */
import type { Frame, Histogram, LayerFrame } from '../../core/protocol/messages';
import type { RunActivation, UnitKind } from '../../core/rundir/format';
import { DecimatedRows } from './decimatedRows';
import {
  HISTOGRAM_KINDS, LAYER_METRICS, globalColumn, layerColumn, scalarWidth,
  type GlobalMetric, type HistogramKind, type LayerMetric,
} from './layout';

export { DecimatedRows } from './decimatedRows';
export * from './layout';

export interface HistoryLayer {
  index: number;
  /** What the charts call the layer: a module path for a PyTorch run ("features.3"); absent for the app's own runs ("Layer 1"). */
  name?: string;
  /** What a unit is in a run folder (a conv layer's channels…), numbered from 0 as PyTorch indexes them; absent for the app's own runs, whose units count from 1. */
  unit?: UnitKind;
  units: number;
  activation: RunActivation;
  zeroGradientWhenInactive: boolean;
  /** Bin count of each histogram kind, in HISTOGRAM_KINDS order. */
  bins: number[];
}

/**
 * One hidden layer of a record: a frame's layer (LayerFrame is one), or a
 * run folder's, which may lack some views — null where the record has no
 * units line (`activationRate`), or no such histogram (a run folder has no
 * weight histograms, nor always gradient ones).
 */
export type HistoryLayerRecord = Pick<LayerFrame, 'units' | 'zeroGradientWhenInactive' | 'inactiveFraction' | 'zeroFraction' | 'deadCount' | 'gradNorm' | 'weightNorm' | 'updateRatio' | 'alpha'> & {
  activation: RunActivation;
  activationRate: Float32Array | null;
  preHist: Histogram | null;
  postHist: Histogram | null;
  gradHist: Histogram | null;
  weightHist: Histogram | null;
};

/** What the history keeps of a frame (a Frame is one) or of a run folder's record. */
export type HistoryRecord = Pick<Frame, 'step' | 'epoch' | 'loss' | 'accuracy' | 'testLoss' | 'testAccuracy'> & { layers: HistoryLayerRecord[] };

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

function histogramOf(layer: HistoryLayerRecord, kind: HistogramKind): Histogram | null {
  switch (kind) {
    case 'pre': return layer.preHist;
    case 'post': return layer.postHist;
    case 'grad': return layer.gradHist;
    case 'weight': return layer.weightHist;
  }
}

function layerMetric(layer: HistoryLayerRecord, metric: LayerMetric): number {
  if (metric === 'alpha') return layer.alpha ?? NaN;
  return layer[metric];
}

/** A record fits the tables when its layers and bins are theirs; a view the record lacks fits any. */
function sameShape(layers: readonly HistoryLayer[], record: HistoryRecord): boolean {
  return layers.length === record.layers.length && record.layers.every((l, i) =>
    l.units === layers[i].units && l.activation === layers[i].activation &&
    HISTOGRAM_KINDS.every((k, j) => {
      const h = histogramOf(l, k);
      return h === null || h.counts.length === layers[i].bins[j];
    }));
}

/** The layers a record describes, names unknown: what the tables are shaped on when nobody said more. */
function layersOf(record: HistoryRecord): HistoryLayer[] {
  return record.layers.map((l, index) => ({
    index,
    units: l.units,
    activation: l.activation,
    zeroGradientWhenInactive: l.zeroGradientWhenInactive,
    bins: HISTOGRAM_KINDS.map((k) => histogramOf(l, k)?.counts.length ?? 0),
  }));
}

export class RunHistory {
  private _version = 0;
  private _layers: HistoryLayer[] = [];
  private scalars = new DecimatedRows(scalarWidth(0), 4, newF64);
  private rates: DecimatedRows<Float32Array>[] = [];
  private hists: DecimatedRows<Float64Array>[] = [];
  /** Offsets of each histogram kind inside a layer's snapshot row: [min, max, counts…] per kind. */
  private histOffsets: number[][] = [];

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

  /** The latest snapshot at or before `step`, or null before the first (or where that snapshot lacks this kind). */
  histogramAt(layer: number, kind: HistogramKind, step: number): HistogramSnapshot | null {
    const rows = this.hists[layer];
    if (!rows) return null;
    const n = rows.countUpTo(step);
    if (n === 0) return null;
    const h = this.histogram(layer, kind, n - 1);
    return Number.isNaN(h.min) ? null : h;
  }

  /**
   * Starts over with tables for these layers (names and bins as a run
   * folder's run.json gives them): records that lack some views then still
   * fit the same tables.
   */
  defineLayers(layers: readonly HistoryLayer[]): void {
    this.reshape(layers.map((l) => ({ ...l, bins: [...l.bins] })));
    this._version++;
  }

  append(frame: HistoryRecord): void {
    if (!sameShape(this._layers, frame)) this.reshape(layersOf(frame));
    else if (this.length > 0 && frame.step < this.lastStep()) this.reshape(this._layers);

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

      if (layer.activationRate) {
        const rates = this.rates[l];
        rates.values.set(layer.activationRate, rates.push(frame.step));
      }

      if (HISTOGRAM_KINDS.some((k) => histogramOf(layer, k) !== null)) {
        const hists = this.hists[l];
        const row = hists.push(frame.step);
        const h = hists.values;
        for (let k = 0; k < HISTOGRAM_KINDS.length; k++) {
          const hist = histogramOf(layer, HISTOGRAM_KINDS[k]);
          const o = row + this.histOffsets[l][k];
          h[o] = hist ? hist.min : NaN;
          h[o + 1] = hist ? hist.max : NaN;
          if (hist) h.set(hist.counts, o + 2);
          else h.fill(0, o + 2, o + 2 + this._layers[l].bins[k]);
        }
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
    this._version++;
  }

  /** A new network (or a restarted run): start over with tables of its shape. */
  private reshape(layers: HistoryLayer[]): void {
    const { points, snapshots } = this.limits;
    this._layers = layers;
    this.scalars = new DecimatedRows(scalarWidth(layers.length), points, newF64);
    this.rates = this._layers.map((l) => new DecimatedRows(l.units, points, newF32));
    this.histOffsets = this._layers.map((l) => {
      let at = 0;
      return l.bins.map((b) => { const o = at; at += b + 2; return o; });
    });
    this.hists = this._layers.map((l) => new DecimatedRows(l.bins.reduce((a, b) => a + b + 2, 0), snapshots, newF64));
  }
}
