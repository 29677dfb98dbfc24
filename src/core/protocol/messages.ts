/**
 * The renderer ↔ core protocol (DESIGN §2). Both directions are discriminated
 * unions on `type`; every message carries `protocol: 1`. Commands are
 * validated on arrival by `parseCommand` (validate.ts) — a malformed command
 * gets an `error` event, never a crash.
 */
import { LIVE_PATHS } from '../experiment/liveParams';
import type { ActivationKind, Experiment, WeightsFile } from '../experiment/types';

export const PROTOCOL_VERSION = 1;

// ───────────────────────────── commands (renderer → core)

/**
 * Paths `set` accepts while a run is live: the experiment's live values
 * (experiment/liveParams.ts) and `run.stepsPerSecond`, a training speed limit
 * in steps per second (0, the default, runs as fast as the core can).
 */
export const SETTABLE_PATHS = [...LIVE_PATHS, 'run.stepsPerSecond'] as const;
export type SettablePath = (typeof SETTABLE_PATHS)[number];

export type Command =
  /** `experiment` is the raw file object; the core validates it. `files` holds the text of files it names (CSV data) for hosts without a file system. */
  | { type: 'load'; experiment: unknown; files?: Record<string, string>; resume?: { step: number; weights: WeightsFile } }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; n: number }
  | { type: 'reset'; seed?: number }
  | { type: 'set'; path: SettablePath; value: unknown }
  | { type: 'probe' }
  | { type: 'exportWeights' }
  | { type: 'bornDead'; trials: number }
  /** Include the detailed view of one unit in every frame (null: stop). */
  | { type: 'inspect'; unit: { layer: number; unit: number } | null }
  /** The renderer has drawn frame `seq`; the core keeps at most two frames in flight. */
  | { type: 'ack'; seq: number };

export type CommandType = Command['type'];
export type Envelope<T> = T & { protocol: typeof PROTOCOL_VERSION };

// ───────────────────────────── events (core → renderer)

export type RunState = 'empty' | 'paused' | 'running' | 'done' | 'diverged';

/** Equal-width bins over [min, max], last bin closed. Edges are min + i·(max−min)/bins. */
export interface Histogram {
  counts: Uint32Array;
  min: number;
  max: number;
}

export interface LayerFrame {
  index: number;
  units: number;
  activation: ActivationKind;
  /** True for relu/relu6: a never-positive unit is dead; otherwise it is dormant and can recover. */
  zeroGradientWhenInactive: boolean;
  inactiveFraction: number;
  zeroFraction: number;
  deadCount: number;
  gradNorm: number;
  weightNorm: number;
  /** ‖ΔW‖ / ‖W‖ of the last update (0 before the first). */
  updateRatio: number;
  /** PReLU's learned slope; null for other activations. */
  alpha: number | null;
  /** Per unit: share of probe samples with pre-activation > 0. */
  activationRate: Float32Array;
  /** Per unit: largest pre-activation over the probe set (explains why a unit is dead). */
  preMax: Float32Array;
  /** Per unit: 1 where activationRate = 0. */
  deadMask: Uint8Array;
  preHist: Histogram;
  postHist: Histogram;
  /**
   * dLoss/dPre over the last training batch: the gradient each unit passes
   * back. Exact zeros are the units that were inactive on a sample (for relu
   * they get no gradient at all). Empty before the first step.
   */
  gradHist: Histogram;
  weightHist: Histogram;
  /** Weights (units × inputs) and biases, only when the layer has at most FRAME_WEIGHTS_LIMIT weights. */
  weight: Float32Array | null;
  bias: Float32Array | null;
}

/** Largest weight matrix sent in frames (the canvas draws larger layers as bands). */
export const FRAME_WEIGHTS_LIMIT = 4096;

export interface BoundaryGrid {
  /** Square grid of resolution × resolution points over [x0, x1] × [y0, y1]. */
  resolution: number;
  x0: number; x1: number; y0: number; y1: number;
  /** Per grid point: predicted class (classification), or the output value (regression, 1 output). */
  values: Float32Array;
}

export interface UnitDetail {
  layer: number;
  unit: number;
  preHist: Histogram;
  incoming: Float32Array;
  bias: number;
  activationRate: number;
  preMax: number;
}

export interface Frame {
  seq: number;
  step: number;
  epoch: number;
  loss: number;
  accuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Probe-set size the statistics were measured on: the per-unit views, dead counts and fractions cover all of it. */
  probeSize: number;
  /**
   * The probe samples this frame's own forward pass measured: the whole
   * probe set (`slices` 1), or, on a frame taken while training where a
   * whole pass is dear, slice `slice` of `slices` equal parts, measured in
   * turn. The layers' per-unit views, dead counts and fractions then
   * combine this slice with the latest measurement of every other one, so
   * they still cover the whole probe set, each sample measured within the
   * last `slices` frames; the histograms (and the inspected unit's) are of
   * this frame's `samples`. DESIGN §7, "Frames while training".
   */
  probe: { samples: number; slice: number; slices: number };
  /** Hidden layers, in order. */
  layers: LayerFrame[];
  /** The output layer's weights (outputs × last hidden units), when at most FRAME_WEIGHTS_LIMIT: the drawing's last links. */
  outputWeight: Float32Array | null;
  boundary: BoundaryGrid | null;
  unit: UnitDetail | null;
}

export interface DatasetInfo {
  description: string;
  inputs: number;
  outputs: number;
  classes: number;
  trainSize: number;
  testSize: number;
  featureNames: string[];
  classNames: string[];
  /** Up to 1000 training samples for previews: rows of `inputs` values, and their class (or target). */
  preview: { x: Float32Array; y: Float32Array; n: number };
}

export type ErrorCode =
  | 'bad-message'
  | 'bad-experiment'
  | 'bad-data'
  | 'bad-weights'
  | 'no-experiment'
  | 'diverged'
  | 'internal';

export type CoreEvent =
  | { type: 'ready' }
  | { type: 'loaded'; experiment: Experiment; dataset: DatasetInfo; totalSteps: number }
  | { type: 'status'; state: RunState; step: number; epoch: number; totalSteps: number; samplesPerSecond: number }
  | { type: 'frame'; frame: Frame }
  /** `checkpoint` is true for the periodic copies the core sends while training (crash recovery). */
  | { type: 'weights'; step: number; weights: WeightsFile; checkpoint: boolean }
  | { type: 'bornDead'; trials: number; done: number; probability: number; stderr: number }
  | { type: 'error'; code: ErrorCode; message: string; detail?: string };

export type EventType = CoreEvent['type'];
