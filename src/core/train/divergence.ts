/**
 * What a run's divergence message says: what was seen (the step, the first
 * non-finite quantity the forward pass met) and the likely causes, most
 * likely first. Read once, when the loss stops being finite, from the
 * buffers the failed step left: the parameters it started from and its
 * batch's pre-activations and activations.
 */
import type { OptimizerSpec } from '../experiment/types';
import type { DenseLayer } from '../nn/network';

/** Inputs beyond this are worth standardizing before blaming anything else (pixel values 0–255 stay under it). */
export const LARGE_INPUT = 1000;

export interface DivergenceReport {
  step: number;
  /** The first non-finite quantity, in words. */
  seen: string;
  /** Likely causes, most likely first; the learning rate is always among them. */
  causes: string[];
}

export interface DivergenceInputs {
  step: number;
  layers: readonly DenseLayer[];
  /** Samples of the failed step's batch: the first `batch` rows of each layer's pre and post are theirs. */
  batch: number;
  loss: number;
  optimizer: OptimizerSpec;
  /** The largest |x| of the training inputs. */
  largestInput: number;
}

export function diagnoseDivergence(d: DivergenceInputs): DivergenceReport {
  return { step: d.step, seen: firstNonFinite(d), causes: likelyCauses(d) };
}

export function divergenceMessage(r: DivergenceReport): string {
  const causes = r.causes.length === 1 ? `Likely cause: ${r.causes[0]}` : `Likely causes, most likely first: ${r.causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}`;
  return `The loss became NaN or infinite at step ${r.step}: ${r.seen}. ${causes}.`;
}

function firstNonFinite(d: DivergenceInputs): string {
  const previous = d.step > 0 ? `the update of step ${d.step - 1}` : 'the initial weights';
  for (const layer of d.layers) {
    // Numbered as the app numbers hidden layers (from 1); the last is the output layer.
    const name = `${layer.index === d.layers.length - 1 ? 'the output layer' : `layer ${layer.index + 1}`} (${layer.kind})`;
    const params: Array<[string, Float32Array | null]> = [['weights', layer.weight], ['biases', layer.bias], ['slope α', layer.alphaParam]];
    for (const [what, values] of params) {
      const bad = values ? firstBad(values, values.length) : null;
      if (bad !== null) return `${name}'s ${what} became ${bad} in ${previous}`;
    }
    const n = d.batch * layer.units;
    const pre = firstBad(layer.pre, n);
    if (pre !== null) return `${name}'s pre-activations became ${pre} on the step's batch (its weights and inputs are finite: their product overflows float32)`;
    const post = firstBad(layer.post, n);
    if (post !== null) return `${name}'s activations became ${post} on the step's batch (its pre-activations are finite: ${layer.kind} overflows float32 there)`;
  }
  return `the loss itself is ${describeValue(d.loss)} (the outputs are finite)`;
}

/** "NaN", "Infinity" or "-Infinity" for the first non-finite of the first n values; null when all are finite. */
function firstBad(values: Float32Array, n: number): string | null {
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return describeValue(values[i]);
  return null;
}

function describeValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : String(v);
}

function likelyCauses(d: DivergenceInputs): string[] {
  const causes: string[] = [];
  const o = d.optimizer;
  if ((o.kind === 'adam' || o.kind === 'adamw' || o.kind === 'rmsprop') && o.eps === 0) {
    const name = o.kind === 'rmsprop' ? 'RMSprop' : o.kind === 'adam' ? 'Adam' : 'AdamW';
    causes.push(`${name}'s eps is 0: it divides by √v + eps, so a weight whose gradient is 0 (a dead unit's) gets 0/0 = NaN; set training.optimizer.eps to 1e-8, PyTorch's default`);
  }
  if (d.largestInput > LARGE_INPUT) {
    causes.push(`the inputs reach ${d.largestInput.toPrecision(3)}: standardize the data (each column to mean 0 and standard deviation 1)`);
  }
  const smaller = Number((o.lr / 10).toPrecision(2));
  causes.push(`the learning rate (now ${o.lr}) is too high for this network: try ${smaller} or lower`);
  return causes;
}
