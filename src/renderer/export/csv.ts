/**
 * The data behind each chart as tidy CSV: one row per step × layer (or per
 * step × layer × unit, per histogram bin), a header row first, `\n` line ends.
 */
import type { ChartId, ChartOptions } from '../charts/figures/types';
import { heatmapLayers } from '../charts/figures/deadHeatmap';
import { binEdges } from '../charts/figures/histogramBins';
import { histogramLayer } from '../charts/figures/histograms';
import type { HistogramKind, RunHistory } from '../history';

const cell = (v: number | string | null): string => {
  if (v === null) return '';
  if (typeof v === 'string') return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return Number.isFinite(v) ? String(v) : '';
};

export class CsvBuilder {
  private lines: string[];
  constructor(header: readonly string[]) {
    this.lines = [header.join(',')];
  }
  row(values: (number | string | null)[]): void {
    this.lines.push(values.map(cell).join(','));
  }
  get rows(): number {
    return this.lines.length - 1;
  }
  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

export function lossCsv(h: RunHistory, upto: number): string {
  const csv = new CsvBuilder(['step', 'epoch', 'loss', 'accuracy', 'test_loss', 'test_accuracy']);
  const n = h.countUpTo(upto);
  for (let i = 0; i < n; i++) {
    csv.row([h.step(i), h.metric(i, 'epoch'), h.metric(i, 'loss'), h.metric(i, 'accuracy'), h.metric(i, 'testLoss'), h.metric(i, 'testAccuracy')]);
  }
  return csv.toString();
}

export function sparsityCsv(h: RunHistory, upto: number): string {
  const csv = new CsvBuilder(['step', 'layer', 'activation', 'units', 'inactive_fraction', 'zero_fraction', 'dead_count', 'dead_share']);
  const n = h.countUpTo(upto);
  for (let i = 0; i < n; i++) {
    h.layers.forEach((layer, l) => {
      const dead = h.layerMetric(i, l, 'deadCount');
      csv.row([h.step(i), l, layer.activation, layer.units, h.layerMetric(i, l, 'inactiveFraction'), h.layerMetric(i, l, 'zeroFraction'), dead, dead / layer.units]);
    });
  }
  return csv.toString();
}

export function gradientFlowCsv(h: RunHistory, upto: number): string {
  const csv = new CsvBuilder(['step', 'layer', 'activation', 'grad_norm', 'weight_norm', 'update_ratio']);
  const n = h.countUpTo(upto);
  for (let i = 0; i < n; i++) {
    h.layers.forEach((layer, l) => {
      csv.row([h.step(i), l, layer.activation, h.layerMetric(i, l, 'gradNorm'), h.layerMetric(i, l, 'weightNorm'), h.layerMetric(i, l, 'updateRatio')]);
    });
  }
  return csv.toString();
}

/** Every kept activation rate: step × layer × unit. */
export function deadHeatmapCsv(h: RunHistory, upto: number, options: ChartOptions): string {
  const csv = new CsvBuilder(['step', 'layer', 'unit', 'activation_rate', 'dead']);
  for (const l of heatmapLayers(h.layers.length, options.layer)) {
    const rows = h.rateRows(l);
    const n = rows.countUpTo(upto);
    for (let r = 0; r < n; r++) {
      for (let u = 0; u < rows.width; u++) {
        const rate = rows.value(r, u);
        csv.row([rows.step(r), l, u, rate, rate === 0 ? 1 : 0]);
      }
    }
  }
  return csv.toString();
}

function histogramRows(csv: CsvBuilder, h: RunHistory, layer: number, kind: HistogramKind, snapshot: number): void {
  const s = h.histogram(layer, kind, snapshot);
  for (let b = 0; b < s.counts.length; b++) {
    const [lo, hi] = binEdges(s, b);
    csv.row([s.step, layer, kind, b, lo, hi, s.counts[b]]);
  }
}

const HIST_HEADER = ['step', 'layer', 'kind', 'bin', 'bin_low', 'bin_high', 'count'];

/** Snapshot mode: pre and post bins of every layer at the shown step. Over-time mode: every snapshot of the shown layer. */
export function histogramsCsv(h: RunHistory, upto: number, options: ChartOptions): string {
  const csv = new CsvBuilder(HIST_HEADER);
  const layers = options.histogramMode === 'time' ? [histogramLayer(h, options.layer)] : h.layers.map((_, l) => l);
  for (const l of layers) {
    if (l < 0) continue;
    const count = h.snapshotCount(l);
    let last = count;
    while (last > 0 && h.snapshotStep(l, last - 1) > upto) last--;
    const first = options.histogramMode === 'time' ? 0 : last - 1;
    for (let s = Math.max(0, first); s < last; s++) {
      histogramRows(csv, h, l, 'pre', s);
      histogramRows(csv, h, l, 'post', s);
    }
  }
  return csv.toString();
}

/** Weight-histogram bins of every layer at the shown step, then PReLU α per step (kind `alpha`, no bin). */
export function weightsCsv(h: RunHistory, upto: number): string {
  const csv = new CsvBuilder(HIST_HEADER.concat('alpha'));
  h.layers.forEach((_, l) => {
    const s = h.histogramAt(l, 'weight', upto);
    if (!s) return;
    for (let b = 0; b < s.counts.length; b++) {
      const [lo, hi] = binEdges(s, b);
      csv.row([s.step, l, 'weight', b, lo, hi, s.counts[b], null]);
    }
  });
  const n = h.countUpTo(upto);
  h.layers.forEach((layer, l) => {
    if (layer.activation !== 'prelu') return;
    for (let i = 0; i < n; i++) csv.row([h.step(i), l, 'alpha', null, null, null, null, h.layerMetric(i, l, 'alpha')]);
  });
  return csv.toString();
}

export function chartCsv(id: ChartId, h: RunHistory, upto: number, options: ChartOptions): string {
  switch (id) {
    case 'loss': return lossCsv(h, upto);
    case 'sparsity': return sparsityCsv(h, upto);
    case 'dead-heatmap': return deadHeatmapCsv(h, upto, options);
    case 'histograms': return histogramsCsv(h, upto, options);
    case 'gradient-flow': return gradientFlowCsv(h, upto);
    case 'weights': return weightsCsv(h, upto);
  }
}
