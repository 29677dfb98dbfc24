import { ZERO_GRADIENT_WHEN_INACTIVE } from '../experiment/types';
import {
  FRAME_WEIGHTS_LIMIT,
  type BoundaryGrid,
  type Frame,
  type Histogram,
  type LayerFrame,
  type UnitDetail,
} from '../protocol/messages';
import { gradHistogram, histogram } from './histogram';
import { activationRates, deadMask } from './layer-stats';
import type { ProbeMeasurement, Trainer } from './trainer';

/** What the probe pass saw, captured before the training step overwrites the layers' buffers. */
export interface ProbeSnapshot {
  activationRate: Float32Array;
  preMax: Float32Array;
  deadMask: Uint8Array;
  inactiveFraction: number;
  zeroFraction: number;
  deadCount: number;
  preHist: Histogram;
  postHist: Histogram;
}

export interface UnitSelection {
  layer: number;
  unit: number;
}

export interface ProbeCapture {
  layers: ProbeSnapshot[];
  unit: UnitDetail | null;
  measured: ProbeMeasurement;
}

/**
 * Runs the probe pass and captures every per-layer view of it (call before
 * `trainStep`): over the whole probe set, or with `slice` over its next
 * slice (Trainer.measureProbeSlice), whose histograms are then of the
 * slice's values and everything else of the whole set.
 */
export function captureProbe(trainer: Trainer, bins: number, unit: UnitSelection | null, slice = false): ProbeCapture {
  const layers: ProbeSnapshot[] = [];
  // Each layer's histograms as soon as the pass has measured it, while its pre and post are in cache.
  const capture = (l: number): void => {
    const layer = trainer.network.layers[l];
    const stats = trainer.layerStats[l];
    const n = trainer.measurement.samples;
    layers[l] = {
      activationRate: activationRates(stats),
      preMax: stats.preMax.slice(),
      deadMask: deadMask(stats),
      inactiveFraction: stats.inactiveFraction,
      zeroFraction: stats.zeroFraction,
      deadCount: stats.deadCount,
      preHist: histogram(layer.pre, n * layer.units, bins, stats.preRange),
      postHist: histogram(layer.post, n * layer.units, bins, stats.postRange),
    };
  };
  const measured = slice ? trainer.measureProbeSlice(capture) : trainer.measureProbe(capture);
  return { layers, unit: unit ? unitDetail(trainer, unit, bins, measured.samples) : null, measured };
}

/** The inspected unit: its pre-activations on the `n` samples just measured; its rate and largest value over the whole probe set. */
function unitDetail(trainer: Trainer, sel: UnitSelection, bins: number, n: number): UnitDetail | null {
  const layer = trainer.network.layers[sel.layer];
  if (!layer || sel.layer >= trainer.hiddenLayers || sel.unit < 0 || sel.unit >= layer.units) return null;
  const values = new Float32Array(n);
  for (let s = 0; s < n; s++) values[s] = layer.pre[s * layer.units + sel.unit];
  const stats = trainer.layerStats[sel.layer];
  return {
    layer: sel.layer,
    unit: sel.unit,
    preHist: histogram(values, n, bins),
    incoming: layer.weight.slice(sel.unit * layer.inputs, (sel.unit + 1) * layer.inputs),
    bias: layer.bias[sel.unit],
    activationRate: stats.positiveCount[sel.unit] / Math.max(stats.samples, 1),
    preMax: stats.preMax[sel.unit],
  };
}

export interface FrameScalars {
  seq: number;
  /** The step whose parameters the probe measured (before its update, DESIGN §3). */
  step: number;
  /** Whether the frame's step ran its update (then ‖W‖ is the one before it). */
  trained: boolean;
  loss: number;
  accuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
}

/** Assembles a frame from a probe snapshot and the network's current gradients and weights. */
export function assembleFrame(
  trainer: Trainer,
  probe: ProbeCapture,
  scalars: FrameScalars,
  boundary: BoundaryGrid | null,
): Frame {
  const bins = trainer.experiment.monitor.bins;
  const gradNorms = trainer.gradNorms();
  const weightNorms = scalars.trained ? trainer.trackedWeightNorms : trainer.weightNorms();
  const layers: LayerFrame[] = probe.layers.map((snap, index) => {
    const layer = trainer.network.layers[index];
    const small = layer.weight.length <= FRAME_WEIGHTS_LIMIT;
    return {
      index,
      units: layer.units,
      activation: layer.kind,
      zeroGradientWhenInactive: ZERO_GRADIENT_WHEN_INACTIVE.has(layer.kind),
      inactiveFraction: snap.inactiveFraction,
      zeroFraction: snap.zeroFraction,
      deadCount: snap.deadCount,
      gradNorm: gradNorms[index],
      weightNorm: weightNorms[index],
      updateRatio: trainer.updateRatio[index],
      alpha: layer.alphaParam ? layer.alphaParam[0] : null,
      activationRate: snap.activationRate,
      preMax: snap.preMax,
      deadMask: snap.deadMask,
      preHist: snap.preHist,
      postHist: snap.postHist,
      gradHist: gradHistogram(layer, trainer.lastBatchSamples, bins),
      weightHist: histogram(layer.weight, layer.weight.length, bins),
      weight: small ? layer.weight.slice() : null,
      bias: small ? layer.bias.slice() : null,
    };
  });
  const output = trainer.network.layers[trainer.network.layers.length - 1];
  return {
    seq: scalars.seq,
    step: scalars.step,
    epoch: trainer.epochProgress,
    loss: scalars.loss,
    accuracy: scalars.accuracy,
    testLoss: scalars.testLoss,
    testAccuracy: scalars.testAccuracy,
    probeSize: trainer.probe.n,
    probe: { samples: probe.measured.samples, slice: probe.measured.slice, slices: probe.measured.slices },
    layers,
    outputWeight: output.weight.length <= FRAME_WEIGHTS_LIMIT ? output.weight.slice() : null,
    boundary,
    unit: probe.unit,
  };
}

/** Every ArrayBuffer a frame owns, for a transfer list. */
export function frameBuffers(frame: Frame): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView | null) => {
    if (a) out.push(a.buffer as ArrayBuffer);
  };
  for (const l of frame.layers) {
    add(l.activationRate);
    add(l.preMax);
    add(l.deadMask);
    add(l.preHist.counts);
    add(l.postHist.counts);
    add(l.gradHist.counts);
    add(l.weightHist.counts);
    add(l.weight);
    add(l.bias);
  }
  add(frame.outputWeight);
  if (frame.boundary) add(frame.boundary.values);
  if (frame.unit) {
    add(frame.unit.preHist.counts);
    add(frame.unit.incoming);
  }
  return out;
}
