/**
 * The run folder `relu-lab/rundir@1` (DESIGN §4, a contract): `run.json`,
 * `metrics.jsonl` and `units.jsonl`, written by the Python package
 * (`python/relu_lab`) and by `relu-lab run`, read by the app and
 * `relu-lab serve`. These types are the files' shapes after validation.
 */
import type { ActivationKind } from '../experiment/types';

export const RUNDIR_FORMAT = 'relu-lab/rundir@1';

export const RUN_FILES = {
  info: 'run.json',
  metrics: 'metrics.jsonl',
  units: 'units.jsonl',
} as const;

/** The two files that grow, one line per record. */
export const RECORD_FILES = [RUN_FILES.metrics, RUN_FILES.units] as const;
export type RecordFile = (typeof RECORD_FILES)[number];

/** One of ours, or `other:<ClassName>` for a PyTorch activation we have no name for. */
export type RunActivation = ActivationKind | `other:${string}`;

/** What a layer's units are: features of (N, C), channels of (N, C, *spatial), last-dimension features of (N, T, C). */
export const UNIT_KINDS = ['feature', 'channel', 'token-feature'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface RunLayerInfo {
  index: number;
  /** Module path, e.g. "features.3" (or "layer1.0.relu#2" for a module's second call in a forward). */
  name: string;
  activation: RunActivation;
  units: number;
  unit: UnitKind;
  zeroGradientWhenInactive: boolean;
}

export interface RunInfo {
  format: typeof RUNDIR_FORMAT;
  name: string;
  /** ISO 8601. */
  created: string;
  source: { kind: 'pytorch' | 'relu-lab'; version: string; writer?: string };
  /** The experiment@1 a `relu-lab` run trained, as the app saves it (every default filled in); absent or null for PyTorch runs. */
  experiment?: unknown;
  monitor: { every: number; probe: number; bins: number };
  layers: RunLayerInfo[];
}

/** A histogram as the files hold it (counts as plain numbers). */
export interface RunHistogram {
  min: number;
  max: number;
  counts: number[];
}

/** A layer entry of a metrics.jsonl line. */
export interface MetricsLayer {
  index: number;
  inactiveFraction: number;
  zeroFraction: number;
  deadCount: number;
  /** null where no parametric module feeds the activation, or no gradient was there. */
  gradNorm: number | null;
  weightNorm: number | null;
}

/** A metrics.jsonl line. */
export interface MetricsLine {
  step: number;
  /** null where the writer does not know epochs. */
  epoch: number | null;
  /** null where it was not finite (then nonFinite) or not known. */
  loss: number | null;
  accuracy?: number;
  testLoss?: number;
  testAccuracy?: number;
  nonFinite?: boolean;
  /** The last record of a run that ended normally. */
  final?: boolean;
  layers: MetricsLayer[];
}

/** A layer entry of a units.jsonl line. */
export interface UnitsLayer {
  index: number;
  activationRate: number[];
  preHist: RunHistogram;
  postHist: RunHistogram;
  gradHist?: RunHistogram;
  /** PReLU's α: one number, or one per channel. */
  alpha?: number | number[];
}

/** A units.jsonl line. */
export interface UnitsLine {
  step: number;
  layers: UnitsLayer[];
}
