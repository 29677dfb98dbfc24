/**
 * What `relu-lab run` writes into a run folder (DESIGN §4, relu-lab/rundir@1)
 * besides metrics.jsonl: run.json, and the units.jsonl line of each record,
 * built from the Trainer's state. Pure: the CLI does the file I/O.
 */
import { serializeExperiment } from '../experiment/parse';
import { ZERO_GRADIENT_WHEN_INACTIVE, type Experiment } from '../experiment/types';
import { pytorchLayerNames } from '../export/pytorch';
import type { Histogram } from '../protocol/messages';
import { captureProbe } from '../train/frame';
import { gradHistogram } from '../train/histogram';
import type { Trainer } from '../train/trainer';
import { RUNDIR_FORMAT, type RunHistogram, type RunInfo, type UnitsLayer } from './format';

export interface RunSource {
  /** The app's version. */
  version: string;
  writer: string;
}

/** run.json of a run of `experiment` that measures on `probe` samples (the probe set §3 chooses for its data). */
export function runInfo(experiment: Experiment, probe: number, source: RunSource, created: Date): RunInfo {
  const names = pytorchLayerNames(experiment.network);
  return {
    format: RUNDIR_FORMAT,
    name: experiment.name,
    created: created.toISOString(),
    source: { kind: 'relu-lab', version: source.version, writer: source.writer },
    experiment: JSON.parse(serializeExperiment(experiment)) as unknown,
    monitor: { every: experiment.monitor.every, probe, bins: experiment.monitor.bins },
    layers: experiment.network.layers.slice(0, -1).map((layer, index) => {
      const kind = layer.activation.kind;
      return { index, name: names[index], activation: kind, units: layer.units, unit: 'feature', zeroGradientWhenInactive: ZERO_GRADIENT_WHEN_INACTIVE.has(kind) };
    }),
  };
}

/**
 * Runs the probe pass (as `trainer.measureProbe` does) and returns each hidden
 * layer's per-unit view of it — rates, histograms, PReLU's α — taken before a
 * training step changes the parameters or overwrites the layers' buffers.
 */
export function probeUnits(trainer: Trainer): UnitsLayer[] {
  const { layers } = captureProbe(trainer, trainer.experiment.monitor.bins, null);
  return layers.map((snap, index) => {
    const stats = trainer.layerStats[index];
    const alpha = trainer.network.layers[index].alphaParam;
    // Rates as float64 ratios of the exact counts (the frames' Float32 rates round them): relu_lab writes the same doubles.
    const samples = stats.samples || 1;
    const layer: UnitsLayer = {
      index,
      activationRate: Array.from(stats.positiveCount, (count) => count / samples),
      preHist: plain(snap.preHist),
      postHist: plain(snap.postHist),
    };
    if (alpha) layer.alpha = alpha[0];
    return layer;
  });
}

/** Adds dLoss/dPre over the `samples` rows the last backward pass left in each layer (DESIGN §7, "Gradient histogram"). */
export function addGradHists(trainer: Trainer, layers: UnitsLayer[], samples: number): void {
  const bins = trainer.experiment.monitor.bins;
  for (const layer of layers) layer.gradHist = plain(gradHistogram(trainer.network.layers[layer.index], samples, bins));
}

function plain(h: Histogram): RunHistogram {
  return { min: h.min, max: h.max, counts: Array.from(h.counts) };
}
