import type { Dataset, Split } from '../data/types';
import type { Experiment, OptimizerSpec } from '../experiment/types';
import type { Kernels } from '../kernels/types';
import { Network, type LayerHook } from '../nn/network';
import { LOSSES, type Loss } from '../nn/losses';
import { createOptimizer, type Optimizer } from '../optim';
import { Rng, STREAM } from '../random/rng';
import { BatchSampler, stepsPerEpoch } from './batches';
import { combineStats, createLayerStats, l2norm, measureLayer, type LayerStats } from './layer-stats';
import { probeSize, probeSliceCount, selectProbe, sliceRange, type ProbeSet } from './probe';
import { checkRunLength, checkSampleBuffers } from '../experiment/limits';
import { diagnoseDivergence, divergenceMessage, type DivergenceReport } from './divergence';

/** Largest batch a live change may ask for beyond the initial capacity. */
const MAX_CAPACITY = 4096;

/** The loss stopped being finite; `report` says what was seen and what to try (divergence.ts). */
export class DivergedError extends Error {
  constructor(readonly report: DivergenceReport) {
    super(divergenceMessage(report));
    this.name = 'DivergedError';
  }

  get step(): number {
    return this.report.step;
  }
}

export interface EvalResult {
  loss: number;
  /** null when the loss has no notion of accuracy (mse). */
  accuracy: number | null;
}

/** Statistics of one hidden layer at a record (the metrics.jsonl `layers` entries). */
export interface LayerRecord {
  index: number;
  inactiveFraction: number;
  zeroFraction: number;
  deadCount: number;
  gradNorm: number;
  weightNorm: number;
}

/** Which samples of the probe set a measurement ran a forward pass on (the layers' pre and post hold their values). */
export interface ProbeMeasurement {
  /** First probe sample and how many. */
  start: number;
  samples: number;
  /** Slice `slice` of `slices` (0 of 1: the whole probe set). */
  slice: number;
  slices: number;
}

export interface MetricsRecord {
  step: number;
  epoch: number;
  loss: number;
  accuracy?: number;
  testLoss?: number;
  testAccuracy?: number;
  /** The last record of a run that ended normally (DESIGN §4, run folder). */
  final?: true;
  layers: LayerRecord[];
}

/**
 * Runs an experiment: batches, forward, loss, backward, update — and measures
 * the instruments on the probe set when asked. Every buffer is allocated here,
 * once; `trainStep()` allocates nothing.
 *
 * Timing contract (DESIGN §3): statistics describe the parameters *before*
 * the update of their step. Callers measure (`measureProbe`) and then
 * `trainStep()`.
 */
export class Trainer {
  readonly network: Network;
  readonly probe: ProbeSet;
  /**
   * Per hidden layer, the statistics of the whole probe set: each slice's
   * latest measurement combined (after `measureProbe`, all measured at once).
   */
  readonly layerStats: LayerStats[];
  /** Into how many slices `measureProbeSlice` divides the probe set (1 where a whole pass is cheap). */
  readonly probeSlices: number;
  /** Per hidden layer: ‖ΔW‖/‖W‖ of the most recent update that was tracked. */
  readonly updateRatio: Float64Array;
  /** Per hidden layer: ‖W‖ before the most recent tracked update (DESIGN §3: a record describes the parameters its update starts from). */
  readonly trackedWeightNorms: Float64Array;
  optimizer: Optimizer;
  /** The spec `optimizer` was made from (its lr and weight decay may have changed live since). */
  private optimizerSpec: OptimizerSpec;
  /** Updates done so far. */
  step = 0;
  /** Loss and accuracy of the last training batch (before its update). */
  lastLoss = NaN;
  lastAccuracy: number | null = null;
  /** Samples in the last training batch: its rows of each layer's gradPre hold dLoss/dPre. */
  lastBatchSamples = 0;
  batchSize: number;

  /** The experiment's loss: forward, gradient, accuracy. */
  private readonly lossFunction: Loss;
  private readonly sampler: BatchSampler;
  private readonly batchX: Float32Array;
  private readonly batchY: Float32Array;
  private readonly batchLabels: Int32Array;
  private readonly dOutput: Float32Array;
  private readonly previousWeights: Float32Array[];
  /** Per hidden layer, per slice of the probe set: its latest measurement. */
  private readonly sliceStats: LayerStats[][];
  private nextSlice = 0;
  private probeMeasured = false;
  /** The probe samples the latest probe pass runs (or ran) on: set as it starts, so its layer hooks know. */
  measurement: ProbeMeasurement = { start: 0, samples: 0, slice: 0, slices: 1 };

  constructor(
    readonly experiment: Experiment,
    readonly dataset: Dataset,
    kernels?: Kernels,
  ) {
    const { network: spec, training, monitor, seed } = experiment;
    const train = dataset.train;
    this.batchSize = resolveBatchSize(training.batchSize, train.n);
    const probe = probeSize(train.n, monitor.probe);
    const floor = Math.max(Math.min(train.n, MAX_CAPACITY), 1);
    const capacity = Math.max(this.batchSize, probe, floor);
    checkSampleBuffers(spec, capacity, capacity === floor ? 'network.layers' : capacity === this.batchSize ? 'training.batchSize' : 'monitor.probe');
    if (training.steps === null) {
      const perEpoch = stepsPerEpoch(train.n, this.batchSize);
      checkRunLength(training.epochs * perEpoch, training.epochs, perEpoch);
    }
    this.network = new Network(spec, capacity, kernels);
    // The probe set and the batch buffer live where the network's kernels read them in place (after the network's own buffers).
    const zeros = (n: number) => this.network.kernels.alloc?.(n) ?? new Float32Array(n);
    this.probe = selectProbe(train, dataset.inputs, monitor.probe, seed, zeros);
    if (experiment.weights) this.network.setWeights(experiment.weights);
    else this.network.initialize(Rng.derive(seed, STREAM.init));

    const hidden = this.network.layers.slice(0, -1);
    this.layerStats = hidden.map((l) => createLayerStats(l.units));
    const multiplyAdds = this.network.layers.reduce((sum, l) => sum + l.inputs * l.units, 0);
    this.probeSlices = probeSliceCount(this.probe.n, multiplyAdds);
    this.sliceStats = hidden.map((l) => Array.from({ length: this.probeSlices }, () => createLayerStats(l.units)));
    this.updateRatio = new Float64Array(hidden.length);
    this.trackedWeightNorms = new Float64Array(hidden.length);
    this.previousWeights = hidden.map((l) => new Float32Array(l.weight.length));

    this.lossFunction = LOSSES[spec.loss];
    this.sampler = new BatchSampler(train, dataset.inputs, dataset.targetWidth, training.shuffle, Rng.derive(seed, STREAM.batches));
    this.batchX = zeros(capacity * dataset.inputs);
    this.batchY = new Float32Array(capacity * dataset.targetWidth);
    this.batchLabels = new Int32Array(capacity);
    this.dOutput = new Float32Array(capacity * this.network.outputs);
    this.optimizerSpec = training.optimizer;
    this.optimizer = createOptimizer(training.optimizer, this.network.params(), this.network.kernels);
  }

  get capacity(): number {
    return this.network.capacity;
  }

  get hiddenLayers(): number {
    return this.layerStats.length;
  }

  get epoch(): number {
    return this.sampler.epochsDone;
  }

  /** Fractional epochs done, for progress displays. */
  get epochProgress(): number {
    return this.sampler.epochsDone + 1 - this.sampler.remainingInEpoch / this.dataset.train.n;
  }

  /** Total updates this run will make, given the current batch size. */
  get totalSteps(): number {
    const { steps, epochs } = this.experiment.training;
    if (steps !== null) return steps;
    const n = this.dataset.train.n;
    if (this.sampler.epochsDone >= epochs) return this.step;
    const thisEpoch = Math.ceil(this.sampler.remainingInEpoch / this.batchSize);
    return this.step + thisEpoch + (epochs - this.sampler.epochsDone - 1) * stepsPerEpoch(n, this.batchSize);
  }

  get done(): boolean {
    const { steps, epochs } = this.experiment.training;
    return steps !== null ? this.step >= steps : this.sampler.epochsDone >= epochs;
  }

  /** Takes effect at the next batch; capped by the buffers allocated for the run. */
  setBatchSize(size: number | 'full'): number {
    this.batchSize = Math.min(resolveBatchSize(size, this.dataset.train.n), this.capacity);
    return this.batchSize;
  }

  /** A new optimizer starts with fresh state, as re-creating it in PyTorch would. */
  setOptimizer(spec: OptimizerSpec): void {
    this.optimizerSpec = spec;
    this.optimizer = createOptimizer(spec, this.network.params(), this.network.kernels);
  }

  /**
   * One update on the next batch. With `trackUpdate` (steps that are
   * recorded or displayed), also keeps per layer ‖W‖ before the update and
   * ‖ΔW‖/‖W‖ (it copies the weights first, so not on every step), and the
   * range of dLoss/dPre where the backward pass finds it on the way.
   */
  trainStep(trackUpdate = false): void {
    const net = this.network;
    const n = this.sampler.next(this.batchSize, this.batchX, this.batchY, this.batchLabels);
    const loss = this.lossFunction;
    const width = net.outputs;
    const labels = this.dataset.train.labels ? this.batchLabels : null;
    const output = net.forward(this.batchX, n);
    const value = loss.forward(output, this.batchY, labels, n, width);
    if (!Number.isFinite(value)) throw new DivergedError(this.diagnose(n, value));
    this.lastLoss = value;
    this.lastBatchSamples = n;
    const accuracy = loss.accuracy;
    this.lastAccuracy = accuracy ? accuracy.correct(output, this.batchY, labels, n, width) / accuracy.outOf(n, width) : null;
    loss.backward(output, this.batchY, labels, n, width, this.dOutput);
    net.backward(this.batchX, this.dOutput, n, undefined, trackUpdate);
    if (trackUpdate) this.rememberWeights();
    this.optimizer.step();
    if (trackUpdate) this.computeUpdateRatios();
    this.step++;
  }

  /** Why the loss of the batch of `n` samples just run is not finite (read from that step's buffers). */
  private diagnose(n: number, loss: number): DivergenceReport {
    const x = this.dataset.train.x;
    let largestInput = 0;
    for (let i = 0; i < x.length; i++) largestInput = Math.max(largestInput, Math.abs(x[i]));
    const optimizer = { ...this.optimizerSpec, lr: this.optimizer.lr };
    return diagnoseDivergence({ step: this.step, layers: this.network.layers, batch: n, loss, optimizer, largestInput });
  }

  /**
   * Forward pass over the probe set, filling `layerStats`, each hidden layer
   * as soon as the pass is done with it (then `afterLayer`, for more views
   * of it while it is in cache). Leaves pre/post of the probe in the layers.
   */
  measureProbe(afterLayer?: LayerHook): ProbeMeasurement {
    const net = this.network;
    const n = this.probe.n;
    const slices = this.probeSlices;
    this.measurement = { start: 0, samples: n, slice: 0, slices: 1 };
    net.forward(this.probe.x, n, (l) => {
      if (l >= this.layerStats.length) return;
      const layer = net.layers[l];
      const units = layer.units;
      // Slice by slice, so the next slices measured alone replace their own part.
      for (let j = 0; j < slices; j++) {
        const { start, end } = sliceRange(n, slices, j);
        measureLayer(this.sliceStats[l][j], layer.pre.subarray(start * units, end * units), layer.post.subarray(start * units, end * units), end - start);
      }
      combineStats(this.layerStats[l], this.sliceStats[l]);
      afterLayer?.(l);
    });
    this.probeMeasured = true;
    return this.measurement;
  }

  /**
   * A forward pass over the next slice of the probe set, in turn: each
   * layer's `layerStats` then combine this slice with the latest measurement
   * of every other one, so they still cover the whole probe set, and its
   * ranges are this slice's (for the histograms of the values the layers now
   * hold). The whole set at once where it has one slice, or until it has
   * been measured whole.
   */
  measureProbeSlice(afterLayer?: LayerHook): ProbeMeasurement {
    if (this.probeSlices === 1 || !this.probeMeasured) return this.measureProbe(afterLayer);
    const net = this.network;
    const slice = this.nextSlice;
    this.nextSlice = (slice + 1) % this.probeSlices;
    const { start, end } = sliceRange(this.probe.n, this.probeSlices, slice);
    const samples = end - start;
    const inputs = this.dataset.inputs;
    this.measurement = { start, samples, slice, slices: this.probeSlices };
    net.forward(this.probe.x.subarray(start * inputs, end * inputs), samples, (l) => {
      if (l >= this.layerStats.length) return;
      const layer = net.layers[l];
      const own = this.sliceStats[l][slice];
      measureLayer(own, layer.pre, layer.post, samples);
      const stats = this.layerStats[l];
      combineStats(stats, this.sliceStats[l]);
      Object.assign(stats.preRange, own.preRange);
      Object.assign(stats.postRange, own.postRange);
      afterLayer?.(l);
    });
    return this.measurement;
  }

  /** Loss and accuracy over a whole split, in chunks of the network's capacity. */
  evaluate(split: Split): EvalResult {
    const loss = this.lossFunction;
    const accuracy = loss.accuracy;
    const width = this.network.outputs;
    let total = 0;
    let correct = 0;
    this.forEachChunk(split, (output, y, labels, n) => {
      total += loss.forward(output, y, labels, n, width) * n;
      if (accuracy) correct += accuracy.correct(output, y, labels, n, width);
    });
    return {
      loss: total / Math.max(split.n, 1),
      accuracy: accuracy && split.n > 0 ? correct / accuracy.outOf(split.n, width) : null,
    };
  }

  /** Forward passes over a split in chunks of the network's capacity (evaluation only: views allocate). */
  private forEachChunk(
    split: Split,
    visit: (output: Float32Array, y: Float32Array, labels: Int32Array | null, n: number, x: Float32Array) => void,
  ): void {
    const net = this.network;
    const inputs = this.dataset.inputs;
    const tw = this.dataset.targetWidth;
    for (let start = 0; start < split.n; start += net.capacity) {
      const n = Math.min(net.capacity, split.n - start);
      const x = split.x.subarray(start * inputs, (start + n) * inputs);
      const y = split.y.subarray(start * tw, (start + n) * tw);
      const labels = split.labels ? split.labels.subarray(start, start + n) : null;
      visit(net.forward(x, n), y, labels, n, x);
    }
  }

  /** ‖dLoss/dW‖ per hidden layer for the gradients the network holds now (the last batch). */
  gradNorms(): number[] {
    return this.network.layers.slice(0, -1).map((l) => l2norm(l.gradWeight));
  }

  weightNorms(): number[] {
    return this.network.layers.slice(0, -1).map((l) => l2norm(l.weight));
  }

  /**
   * Gradient norms over the whole training set (used for the final record,
   * where "the batch" is the training set): accumulated chunk by chunk,
   * weighted by chunk size, which is exact for mean-reduced losses.
   */
  fullTrainingGradNorms(): number[] {
    const net = this.network;
    const split = this.dataset.train;
    const hidden = net.layers.slice(0, -1);
    const sums = hidden.map((l) => new Float64Array(l.gradWeight.length));
    this.forEachChunk(split, (output, y, labels, n, x) => {
      this.lossFunction.backward(output, y, labels, n, net.outputs, this.dOutput);
      net.backward(x, this.dOutput, n);
      const share = n / split.n;
      for (let l = 0; l < hidden.length; l++) {
        const g = hidden[l].gradWeight;
        const sum = sums[l];
        for (let i = 0; i < g.length; i++) sum[i] += g[i] * share;
      }
    });
    return sums.map((s) => {
      let sq = 0;
      for (let i = 0; i < s.length; i++) sq += s[i] * s[i];
      return Math.sqrt(sq);
    });
  }

  /** The layers' part of a record; `loss`/`accuracy` are the caller's (batch or whole set). */
  layerRecords(gradNorms: ArrayLike<number>, weightNorms: ArrayLike<number>): LayerRecord[] {
    return this.layerStats.map((s, index) => ({
      index,
      inactiveFraction: s.inactiveFraction,
      zeroFraction: s.zeroFraction,
      deadCount: s.deadCount,
      gradNorm: gradNorms[index],
      weightNorm: weightNorms[index],
    }));
  }

  private rememberWeights(): void {
    for (let l = 0; l < this.previousWeights.length; l++) this.previousWeights[l].set(this.network.layers[l].weight);
  }

  private computeUpdateRatios(): void {
    for (let l = 0; l < this.previousWeights.length; l++) {
      const w = this.network.layers[l].weight;
      const prev = this.previousWeights[l];
      let dsq = 0;
      for (let i = 0; i < w.length; i++) {
        const d = w[i] - prev[i];
        dsq += d * d;
      }
      // The same summation as weightNorms(), so an unchanged layer reports the same norm to the last bit.
      const norm = l2norm(prev);
      this.trackedWeightNorms[l] = norm;
      this.updateRatio[l] = norm > 0 ? Math.sqrt(dsq) / norm : 0;
    }
  }
}

export function resolveBatchSize(size: number | 'full', trainSize: number): number {
  return Math.max(1, size === 'full' ? trainSize : Math.min(size, Math.max(trainSize, 1)));
}

