import type { Dataset } from '../data/types';
import { ZERO_GRADIENT_WHEN_INACTIVE, type Experiment, type WeightsFile } from '../experiment/types';
import type { Param } from '../nn/network';
import { DivergedError, Trainer, type EvalResult, type MetricsRecord } from './trainer';
import { deadUnits } from './layer-stats';
import type { UnitsLayer, UnitsLine } from '../rundir/format';
import { addGradHists, probeUnits } from '../rundir/write';

export interface RunCallbacks {
  /** Each metrics record, in order (one JSON line of metrics.jsonl); the last one, where the run ended normally, has `final: true`. */
  record(record: MetricsRecord): void;
  /** Each record's per-unit view (a units.jsonl line), just before its metrics record; built only for callers that take it. */
  units?(line: UnitsLine): void;
  /** Called now and then with the step reached (for a progress line). */
  progress?(step: number, total: number): void;
}

export interface RunSummary {
  name: string;
  seed: number;
  steps: number;
  epochs: number;
  diverged: { step: number; message: string } | null;
  /**
   * The step whose weights the run's weights are: `steps` after a normal
   * run; after a divergence the last step with finite weights (the step it
   * diverged at, or the last record before it), null if there was none.
   */
  weightsStep: number | null;
  final: MetricsRecord;
  dataset: { description: string; trainSize: number; testSize: number };
  /** `zeroGradientWhenInactive` (relu, relu6): the layer's never-active units are dead, otherwise dormant (DESIGN §3). */
  layers: { index: number; units: number; activation: string; zeroGradientWhenInactive: boolean; deadUnits: number[] }[];
  seconds: number;
  samplesPerSecond: number;
}

/**
 * Trains an experiment to the end, headless, writing a record every
 * `monitor.every` steps and a final one at `step = steps` (DESIGN §3: a
 * record's statistics describe the parameters before its step's update; the
 * final record describes the trained network, its loss over the whole
 * training set). The same Trainer the app uses: the CLI and the app agree.
 */
export function runExperiment(
  experiment: Experiment,
  dataset: Dataset,
  callbacks: RunCallbacks,
  now: () => number,
): { summary: RunSummary; weights: WeightsFile | null } {
  const trainer = new Trainer(experiment, dataset);
  const lastFinite = new ParamSnapshot(trainer.network.params());
  const every = experiment.monitor.every;
  const started = now();
  let lastProgress = started;
  let samples = 0;
  let diverged: RunSummary['diverged'] = null;
  try {
    while (!trainer.done) {
      const step = trainer.step;
      if (step % every === 0) {
        const epoch = trainer.epoch;
        lastFinite.take(step);
        const units = measure(trainer, callbacks);
        const test = testMetrics(trainer);
        trainer.trainStep(true);
        if (units) {
          addGradHists(trainer, units, trainer.lastBatchSamples);
          callbacks.units?.({ step, layers: units });
        }
        callbacks.record(withTest(test, {
          step,
          epoch,
          loss: trainer.lastLoss,
          ...(trainer.lastAccuracy !== null ? { accuracy: trainer.lastAccuracy } : {}),
          layers: trainer.layerRecords(trainer.gradNorms(), trainer.trackedWeightNorms),
        }));
      } else {
        trainer.trainStep();
      }
      samples += trainer.batchSize;
      const t = now();
      if (callbacks.progress && t - lastProgress > 100) {
        lastProgress = t;
        callbacks.progress(trainer.step, trainer.totalSteps);
      }
    }
  } catch (e) {
    if (!(e instanceof DivergedError)) throw e;
    diverged = { step: e.step, message: e.message };
  }
  const final = finalRecord(trainer, diverged ? null : callbacks);
  if (!diverged) callbacks.record(final);
  // The parameters a diverged step started from are often still finite; otherwise the last record's copy is.
  let weightsStep: number | null = trainer.step;
  if (diverged && !allFinite(trainer.network.params())) weightsStep = lastFinite.restore();
  callbacks.progress?.(trainer.step, trainer.totalSteps);
  const seconds = (now() - started) / 1000;
  const summary: RunSummary = {
    name: experiment.name,
    seed: experiment.seed,
    steps: trainer.step,
    epochs: trainer.epoch,
    diverged,
    weightsStep,
    final,
    dataset: { description: dataset.description, trainSize: dataset.train.n, testSize: dataset.test.n },
    layers: trainer.layerStats.map((s, index) => ({
      index,
      units: s.units,
      activation: trainer.network.layers[index].kind,
      zeroGradientWhenInactive: ZERO_GRADIENT_WHEN_INACTIVE.has(trainer.network.layers[index].kind),
      deadUnits: deadUnits(s),
    })),
    seconds,
    samplesPerSecond: seconds > 0 ? samples / seconds : 0,
  };
  return { summary, weights: weightsStep === null ? null : trainer.network.getWeights() };
}

/**
 * A copy of the parameters at the last record step where all were finite,
 * so that a divergence still leaves weights to write: taken every
 * `monitor.every` steps (a copy per record, not per step).
 */
class ParamSnapshot {
  private readonly copies: Float32Array[];
  private step: number | null = null;

  constructor(private readonly params: Param[]) {
    this.copies = params.map((p) => new Float32Array(p.value.length));
  }

  take(step: number): void {
    if (!allFinite(this.params)) return;
    this.params.forEach((p, i) => this.copies[i].set(p.value));
    this.step = step;
  }

  /** Puts the copy back into the parameters; returns its step (null: there was none, nothing changed). */
  restore(): number | null {
    if (this.step !== null) this.params.forEach((p, i) => p.value.set(this.copies[i]));
    return this.step;
  }
}

function allFinite(params: Param[]): boolean {
  for (const p of params) {
    const v = p.value;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  }
  return true;
}

/** The record of the trained network; with `callbacks` (the run ended normally) it is the final record, and its units line goes out. */
function finalRecord(trainer: Trainer, callbacks: RunCallbacks | null): MetricsRecord {
  const train = trainer.evaluate(trainer.dataset.train);
  const gradNorms = trainer.fullTrainingGradNorms();
  const units = measure(trainer, callbacks);
  if (units) {
    // The final record's batch is the training set (DESIGN §3); its dLoss/dPre is all in the layers where it fits one chunk of the evaluation.
    if (trainer.dataset.train.n <= trainer.capacity) addGradHists(trainer, units, trainer.dataset.train.n);
    callbacks?.units?.({ step: trainer.step, layers: units });
  }
  return withTest(testMetrics(trainer), {
    step: trainer.step,
    epoch: trainer.epoch,
    loss: train.loss,
    ...(train.accuracy !== null ? { accuracy: train.accuracy } : {}),
    ...(callbacks ? { final: true as const } : {}),
    layers: trainer.layerRecords(gradNorms, trainer.weightNorms()),
  });
}

/** The probe pass, with its per-unit view where the caller takes units lines. */
function measure(trainer: Trainer, callbacks: RunCallbacks | null): UnitsLayer[] | null {
  if (callbacks?.units) return probeUnits(trainer);
  trainer.measureProbe();
  return null;
}

/** Test-set metrics of the current parameters; null without a test split. */
function testMetrics(trainer: Trainer): EvalResult | null {
  return trainer.dataset.test.n > 0 ? trainer.evaluate(trainer.dataset.test) : null;
}

function withTest(test: EvalResult | null, record: MetricsRecord): MetricsRecord {
  if (!test) return record;
  const out: MetricsRecord = { ...record, testLoss: test.loss };
  if (test.accuracy !== null) out.testAccuracy = test.accuracy;
  // Keep `final` and then `layers` last, as in DESIGN §4's field order.
  const { layers, final, ...rest } = out;
  return { ...rest, ...(final ? { final } : {}), layers };
}
