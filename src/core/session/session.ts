import { loadDataset } from '../data/load';
import { previewDataset } from '../data/preview';
import type { Dataset, ReadText } from '../data/types';
import { ValidationError } from '../experiment/errors';
import { describe } from '../experiment/fields';
import { setLiveValue } from '../experiment/liveParams';
import { parseExperiment } from '../experiment/parse';
import type { Experiment } from '../experiment/types';
import type { Command, CoreEvent, DatasetInfo, ErrorCode, RunState, SettablePath } from '../protocol/messages';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { BadMessage, parseCommand } from '../protocol/validate';
import { BornDeadEstimator } from '../train/born-dead';
import { BoundaryProbe } from '../train/boundary';
import { assembleFrame, captureProbe, frameBuffers, type UnitSelection } from '../train/frame';
import { DivergedError, Trainer } from '../train/trainer';
import { parseWeights } from '../weights/format';
import type { CorePort, HostServices } from './environment';

/** The renderer draws at most this often; frames in between are never queued, only skipped. */
const MIN_FRAME_INTERVAL_MS = 33;
/** Instruments take about this share of wall time while training... */
const PROBE_TIME_SHARE = 0.3;
/**
 * ...unless that would leave the charts under 25 frames a second: a probe
 * pass of the MNIST network takes ~20 ms, and live views that move less
 * often stop looking live. Such runs train slower instead.
 */
const MAX_FRAME_INTERVAL_MS = 40;
const MAX_FRAMES_IN_FLIGHT = 2;
/**
 * Training runs in slices this long; commands (a pause, a click that
 * inspects a unit) are handled between two. Shorter slices cost only a
 * message to the host's scheduler each; on a core shared with other work a
 * slice takes up to twice its time, and a pause waited for it.
 */
const SLICE_MS = 8;
const STATUS_INTERVAL_MS = 100;
const TEST_EVAL_INTERVAL_MS = 500;
const CHECKPOINT_INTERVAL_MS = 5000;
const BORN_DEAD_PROGRESS_MS = 100;

export function startSession(port: CorePort, services: HostServices): Session {
  const session = new Session(port, services);
  port.onMessage((data) => session.receive(data));
  session.emit({ type: 'ready' });
  return session;
}

/**
 * One experiment's life in the core: commands in, events out. Commands are
 * handled strictly in arrival order (a queue of promises, since loading data
 * is asynchronous); training runs in time slices scheduled by the host so
 * commands such as `pause` get through between slices.
 */
export class Session {
  private experiment: Experiment | null = null;
  private trainer: Trainer | null = null;
  private boundary: BoundaryProbe | null = null;
  private state: RunState = 'empty';
  private queue: Promise<void> = Promise.resolve();
  private stepsLeft = 0;
  private sliceScheduled = false;
  private inspected: UnitSelection | null = null;
  /** Reads the files the loaded experiment names (the host's, or the texts sent with `load`). */
  private readText: ReadText | undefined;

  private seq = 0;
  private inFlight = 0;
  private framePending = false;
  /** A unit was just inspected while training at full speed: its frame goes out at the next step, one over the frames in flight. */
  private inspectionDue = false;
  private lastFrameAt = -Infinity;
  private frameInterval = MIN_FRAME_INTERVAL_MS;

  private lastStatusAt = -Infinity;
  private samplesSinceStatus = 0;
  private samplesPerSecond = 0;
  private lastCheckpointAt = 0;
  private testCache: { at: number; step: number; loss: number | null; accuracy: number | null } | null = null;

  /** Speed limit (0: none) and the steps it currently allows: a teacher can slow a run down to watch units die. */
  private stepsPerSecond = 0;
  private stepCredit = 0;
  private lastSliceAt = 0;

  private bornDead: { estimator: BornDeadEstimator; target: number; lastReport: number } | null = null;

  constructor(
    private readonly port: CorePort,
    private readonly services: HostServices,
  ) {}

  emit(event: CoreEvent, transfer: ArrayBuffer[] = []): void {
    this.port.post({ ...event, protocol: PROTOCOL_VERSION }, transfer);
  }

  receive(data: unknown): void {
    let command: Command;
    try {
      command = parseCommand(data);
    } catch (e) {
      this.emit({ type: 'error', code: 'bad-message', message: e instanceof BadMessage ? e.message : String(e) });
      return;
    }
    // Acks bypass the queue: they only release frame slots and must not wait behind a slow load.
    if (command.type === 'ack') {
      this.acknowledge();
      return;
    }
    this.queue = this.queue.then(() => this.handle(command)).catch((e) => this.fail(e));
  }

  private async handle(command: Exclude<Command, { type: 'ack' }>): Promise<void> {
    if (command.type === 'load') return this.load(command);
    const trainer = this.trainer;
    if (!trainer || !this.experiment) {
      this.emit({ type: 'error', code: 'no-experiment', message: `${command.type}: no experiment is loaded; send load first` });
      return;
    }
    switch (command.type) {
      case 'play':
        if (trainer.done) {
          this.setState('done');
          return;
        }
        this.setState('running');
        this.lastSliceAt = this.services.now();
        this.stepCredit = 0;
        this.scheduleSlice();
        return;
      case 'pause':
        this.stepsLeft = 0;
        if (this.state === 'running') this.setState('paused');
        // Like a finished `step`, a pause shows exactly where it stopped (once a frame slot is free).
        this.sendFrame(false, true);
        return;
      case 'step':
        if (this.state === 'running') this.setState('paused');
        this.stepsLeft = command.n;
        this.scheduleSlice();
        return;
      case 'reset': {
        // The data stream derives from the seed: a new seed means new data too.
        const seed = command.seed ?? this.experiment.seed;
        await this.start({ ...this.experiment, seed }, seed === this.experiment.seed ? trainer.dataset : null);
        return;
      }
      case 'set':
        this.set(command.path, command.value);
        return;
      case 'probe':
        this.sendFrame(false, true);
        return;
      case 'exportWeights':
        this.emit({ type: 'weights', step: trainer.step, weights: trainer.network.getWeights(), checkpoint: false });
        return;
      case 'bornDead':
        this.bornDead = {
          estimator: new BornDeadEstimator(this.experiment, trainer.dataset),
          target: command.trials,
          lastReport: this.services.now(),
        };
        this.scheduleSlice();
        return;
      case 'inspect':
        this.inspected = command.unit;
        // Training at full speed, the next step's frame shows the unit (it measures a slice, not the whole probe set),
        // without waiting for the host to acknowledge the frames already on their way: the click is waiting for it.
        if (this.state === 'running' && this.stepsPerSecond === 0) {
          this.lastFrameAt = -Infinity;
          this.inspectionDue = true;
        } else this.sendFrame(false, true);
        return;
    }
  }

  // ───────────────────────── loading

  private async load(command: Extract<Command, { type: 'load' }>): Promise<void> {
    this.stepsLeft = 0;
    if (this.state === 'running') this.setState('paused');
    let experiment: Experiment;
    try {
      experiment = parseExperiment(command.experiment);
      if (command.resume) experiment = { ...experiment, weights: parseWeights(command.resume.weights, experiment.network) };
    } catch (e) {
      this.reportInputError(e, 'bad-experiment');
      return;
    }
    // Texts sent with `load` win (a CSV dropped on the window); otherwise the host reads the file.
    const files = command.files ?? {};
    const hostRead = this.services.readText;
    this.readText = async (path: string) => {
      if (Object.hasOwn(files, path)) return files[path];
      if (hostRead) return hostRead(path);
      throw new Error(`the app did not send the file "${path}"; open it again`);
    };
    let dataset: Dataset;
    try {
      dataset = await loadDataset(experiment.data, experiment.network, experiment.seed, this.readText);
    } catch (e) {
      this.reportInputError(e, 'bad-data');
      return;
    }
    await this.start(experiment, dataset, command.resume?.step ?? 0);
  }

  /** (Re)creates the trainer; `dataset` null means generate it again (a new seed changes the data). */
  private async start(experiment: Experiment, dataset: Dataset | null, step = 0): Promise<void> {
    this.stepsLeft = 0;
    this.bornDead = null;
    try {
      const data = dataset ?? (await loadDataset(experiment.data, experiment.network, experiment.seed, this.readText));
      const trainer = new Trainer(experiment, data);
      trainer.step = step;
      this.experiment = experiment;
      this.trainer = trainer;
      this.boundary = BoundaryProbe.applies(trainer) ? new BoundaryProbe(trainer) : null;
      this.testCache = null;
      this.inspected = null;
      this.emit({ type: 'loaded', experiment, dataset: datasetInfo(data), totalSteps: trainer.totalSteps });
      this.setState(trainer.done ? 'done' : 'paused');
      this.sendFrame(false, true);
    } catch (e) {
      this.reportInputError(e, 'bad-weights');
    }
  }

  private set(path: SettablePath, value: unknown): void {
    if (path === 'run.stepsPerSecond') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        this.emit({ type: 'error', code: 'bad-message', message: `run.stepsPerSecond: expected a number ≥ 0 (0 = as fast as possible), got ${describe(value)}` });
        return;
      }
      this.stepsPerSecond = value;
      this.stepCredit = 0;
      return;
    }
    try {
      // The trainer keeps its copy of the experiment for the run's fixed parts; the live ones are pushed into it.
      this.experiment = setLiveValue(this.experiment!, path, value, this.trainer!);
    } catch (e) {
      this.reportInputError(e, 'bad-experiment');
      return;
    }
    this.emitStatus(true);
  }

  // ───────────────────────── running

  private scheduleSlice(delayMs = 0): void {
    if (this.sliceScheduled) return;
    this.sliceScheduled = true;
    const run = () => {
      this.sliceScheduled = false;
      // Run the slice through the queue so it never interleaves with a command's handling.
      this.queue = this.queue.then(() => this.slice()).catch((e) => this.fail(e));
    };
    if (delayMs > 0 && this.services.later) this.services.later(run, Math.min(delayMs, 100));
    else this.services.schedule(run);
  }

  private slice(): void {
    const trainer = this.trainer;
    if (!trainer) return;
    const now = this.services.now;
    const start = now();
    const training = this.state === 'running' || this.stepsLeft > 0;
    const throttled = this.stepsPerSecond > 0 && this.state === 'running';
    if (throttled) {
      // Credit accrues with wall time; capped so a long pause does not turn into a burst.
      const elapsed = Math.min(start - this.lastSliceAt, 250);
      this.stepCredit = Math.min(this.stepCredit + (elapsed * this.stepsPerSecond) / 1000, Math.max(1, this.stepsPerSecond / 4));
    }
    this.lastSliceAt = start;
    if (training) {
      try {
        while (now() - start < SLICE_MS) {
          if (trainer.done) break;
          if (this.state !== 'running' && this.stepsLeft === 0) break;
          if (throttled) {
            if (this.stepCredit < 1) break;
            this.stepCredit--;
          }
          if (this.frameDue(now())) this.sendFrame(true);
          else trainer.trainStep();
          this.samplesSinceStatus += trainer.batchSize;
          if (this.stepsLeft > 0) this.stepsLeft--;
        }
      } catch (e) {
        if (e instanceof DivergedError) return this.diverge(e);
        throw e;
      }
      if (trainer.done) {
        this.stepsLeft = 0;
        this.setState('done');
        this.sendFrame(false, true);
      } else if (this.state !== 'running' && this.stepsLeft === 0) {
        // A `step {n}` just finished: show exactly where it stopped.
        this.sendFrame(false, true);
        this.emitStatus(true);
      } else {
        this.emitStatus(false);
        this.checkpoint();
      }
    }
    this.runBornDead(SLICE_MS);
    if (this.bornDead || this.stepsLeft > 0) this.scheduleSlice();
    else if (this.state === 'running' && !trainer.done) this.scheduleSlice(throttled && this.stepCredit < 1 ? 1000 / this.stepsPerSecond : 0);
  }

  private runBornDead(budgetMs: number): void {
    const job = this.bornDead;
    if (!job) return;
    const start = this.services.now();
    while (this.services.now() - start < budgetMs && job.estimator.result().trials < job.target) job.estimator.run(1);
    const result = job.estimator.result();
    const finished = result.trials >= job.target;
    const now = this.services.now();
    if (finished || now - job.lastReport >= BORN_DEAD_PROGRESS_MS) {
      job.lastReport = now;
      this.emit({ type: 'bornDead', trials: job.target, done: result.trials, probability: result.probability, stderr: result.stderr });
    }
    if (finished) this.bornDead = null;
  }

  private diverge(e: DivergedError): void {
    this.stepsLeft = 0;
    this.setState('diverged');
    this.emit({ type: 'error', code: 'diverged', message: e.message, detail: `step ${e.step}` });
  }

  private frameDue(now: number): boolean {
    return (this.inFlight < MAX_FRAMES_IN_FLIGHT || this.inspectionDue) && now - this.lastFrameAt >= this.frameInterval;
  }

  private acknowledge(): void {
    if (this.inFlight > 0) this.inFlight--;
    if (this.framePending && this.state !== 'running') this.sendFrame(false, true);
  }

  /**
   * Measures and sends one frame. With `train`, the frame is taken at a
   * training step: the probe measures the parameters, then that step's update
   * runs and its batch's loss and gradients complete the frame. `force` sends
   * even without a free slot later (the frame is marked pending and goes out
   * on the next ack) — the newest state wins, nothing queues.
   */
  private sendFrame(train: boolean, force = false): void {
    const trainer = this.trainer;
    if (!trainer) return;
    if (this.inFlight >= MAX_FRAMES_IN_FLIGHT && !this.inspectionDue) {
      if (force) this.framePending = true;
      return;
    }
    this.framePending = false;
    this.inspectionDue = false;
    const started = this.services.now();
    const step = trainer.step;
    // At a training step, the next slice of the probe set (Trainer.measureProbeSlice); otherwise all of it.
    const probe = captureProbe(trainer, trainer.experiment.monitor.bins, this.inspected, train);
    let loss: number;
    let accuracy: number | null;
    if (train) {
      trainer.trainStep(true);
      loss = trainer.lastLoss;
      accuracy = trainer.lastAccuracy;
    } else if (step > 0 && Number.isFinite(trainer.lastLoss)) {
      loss = trainer.lastLoss;
      accuracy = trainer.lastAccuracy;
    } else {
      ({ loss, accuracy } = trainer.evaluate(trainer.dataset.train));
    }
    const test = this.testMetrics(!train);
    const boundary = this.boundary ? this.boundary.compute() : null;
    const frame = assembleFrame(trainer, probe, {
      seq: ++this.seq, step, trained: train, loss, accuracy, testLoss: test.loss, testAccuracy: test.accuracy,
    }, boundary);
    this.inFlight++;
    this.emit({ type: 'frame', frame }, frameBuffers(frame));
    // Frame to frame, start to start: the period includes the probe pass itself.
    this.lastFrameAt = started;
    const took = this.services.now() - started;
    this.frameInterval = Math.min(MAX_FRAME_INTERVAL_MS, Math.max(MIN_FRAME_INTERVAL_MS, took / PROBE_TIME_SHARE));
  }

  private testMetrics(fresh: boolean): { loss: number | null; accuracy: number | null } {
    const trainer = this.trainer!;
    if (trainer.dataset.test.n === 0) return { loss: null, accuracy: null };
    const now = this.services.now();
    const cache = this.testCache;
    if (!fresh && cache && now - cache.at < TEST_EVAL_INTERVAL_MS) return cache;
    if (fresh && cache && cache.step === trainer.step) return cache;
    const r = trainer.evaluate(trainer.dataset.test);
    this.testCache = { at: now, step: trainer.step, loss: r.loss, accuracy: r.accuracy };
    return this.testCache;
  }

  private setState(state: RunState): void {
    this.state = state;
    this.emitStatus(true);
  }

  private emitStatus(force: boolean): void {
    const trainer = this.trainer;
    const now = this.services.now();
    if (!force && now - this.lastStatusAt < STATUS_INTERVAL_MS) return;
    if (now > this.lastStatusAt && this.lastStatusAt > -Infinity) {
      const seconds = (now - this.lastStatusAt) / 1000;
      if (this.samplesSinceStatus > 0 && seconds > 0) this.samplesPerSecond = this.samplesSinceStatus / seconds;
      else if (this.state !== 'running') this.samplesPerSecond = 0;
    }
    this.samplesSinceStatus = 0;
    this.lastStatusAt = now;
    this.emit({
      type: 'status',
      state: this.state,
      step: trainer?.step ?? 0,
      epoch: trainer?.epochProgress ?? 0,
      totalSteps: trainer?.totalSteps ?? 0,
      samplesPerSecond: this.samplesPerSecond,
    });
  }

  private checkpoint(): void {
    const now = this.services.now();
    if (now - this.lastCheckpointAt < CHECKPOINT_INTERVAL_MS) return;
    this.lastCheckpointAt = now;
    const trainer = this.trainer!;
    this.emit({ type: 'weights', step: trainer.step, weights: trainer.network.getWeights(), checkpoint: true });
  }

  // ───────────────────────── errors

  private reportInputError(e: unknown, fallback: ErrorCode): void {
    if (e instanceof ValidationError) {
      const code: ErrorCode = e.kind === 'data' ? 'bad-data' : e.kind === 'weights' ? 'bad-weights' : 'bad-experiment';
      this.emit({ type: 'error', code, message: e.message });
    } else {
      this.emit({ type: 'error', code: fallback, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private fail(e: unknown): void {
    this.stepsLeft = 0;
    if (this.state === 'running') this.state = 'paused';
    this.emit({
      type: 'error',
      code: 'internal',
      message: `internal error: ${e instanceof Error ? e.message : String(e)}`,
      detail: e instanceof Error ? e.stack : undefined,
    });
    this.emitStatus(true);
  }
}

function datasetInfo(d: Dataset): DatasetInfo {
  return {
    description: d.description,
    inputs: d.inputs,
    outputs: d.targetWidth,
    classes: d.classes,
    trainSize: d.train.n,
    testSize: d.test.n,
    featureNames: d.featureNames,
    classNames: d.classNames,
    preview: previewDataset(d, 1000),
  };
}
