/**
 * A run folder's records in the history's terms: the layers as run.json
 * names them, and each record as the history keeps it (what the folder does
 * not have — weight histograms, update ratios, a units line — as absent).
 */
import type { RunInfo } from '../../core/rundir/format';
import type { RunRecord } from '../../core/rundir/records';
import { HISTOGRAM_KINDS, type HistoryLayer, type HistoryRecord } from '../history';

/** The history's layers for a run: module names, and bins for every kind a run folder has (it has no weight histograms). */
export function historyLayers(info: RunInfo): HistoryLayer[] {
  return info.layers.map((l) => ({
    index: l.index,
    name: l.name,
    unit: l.unit,
    units: l.units,
    activation: l.activation,
    zeroGradientWhenInactive: l.zeroGradientWhenInactive,
    bins: HISTOGRAM_KINDS.map((k) => (k === 'weight' ? 0 : info.monitor.bins)),
  }));
}

const orNaN = (v: number | null): number => v ?? NaN;

export function historyRecord(record: RunRecord, info: RunInfo): HistoryRecord {
  return {
    step: record.step,
    epoch: orNaN(record.epoch),
    loss: orNaN(record.loss),
    accuracy: record.accuracy,
    testLoss: record.testLoss,
    testAccuracy: record.testAccuracy,
    layers: record.layers.map((m, l) => {
      const layer = info.layers[l];
      const u = record.units?.[l] ?? null;
      return {
        // Without run.json the widths come from the units lines.
        units: u ? u.activationRate.length : layer.units,
        activation: layer.activation,
        zeroGradientWhenInactive: layer.zeroGradientWhenInactive,
        inactiveFraction: m.inactiveFraction,
        zeroFraction: m.zeroFraction,
        deadCount: m.deadCount,
        gradNorm: orNaN(m.gradNorm),
        weightNorm: orNaN(m.weightNorm),
        updateRatio: NaN,
        alpha: u ? u.alpha : null,
        activationRate: u ? u.activationRate : null,
        preHist: u ? u.preHist : null,
        postHist: u ? u.postHist : null,
        gradHist: u ? u.gradHist : null,
        weightHist: null,
      };
    }),
  };
}
