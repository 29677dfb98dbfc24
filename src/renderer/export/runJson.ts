/**
 * The whole run as one JSON document: the experiment file and the metrics
 * history, one record per kept step in the shape of `metrics.jsonl`
 * (DESIGN §4), plus the per-layer numbers the charts show.
 */
import { experimentToRaw } from '../store/checkDesign';
import type { Experiment } from '../../core/experiment/types';
import type { RunHistory } from '../history';

export const RUN_FORMAT = 'relu-lab/run@1';

const opt = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);

export function metricsRecords(h: RunHistory, upto = Infinity): Record<string, unknown>[] {
  const n = h.countUpTo(upto);
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    records.push({
      step: h.step(i),
      epoch: h.metric(i, 'epoch'),
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
        gradNorm: h.layerMetric(i, l, 'gradNorm'),
        weightNorm: h.layerMetric(i, l, 'weightNorm'),
        updateRatio: h.layerMetric(i, l, 'updateRatio'),
        alpha: opt(h.layerMetric(i, l, 'alpha')),
      })),
    });
  }
  return records;
}

export function runJson(h: RunHistory, experiment: Experiment): string {
  return JSON.stringify({
    format: RUN_FORMAT,
    experiment: experimentToRaw(experiment),
    /** Each kept record stands for this many frames (old points are thinned). */
    sampling: h.sampling,
    metrics: metricsRecords(h),
  }, null, 1);
}
