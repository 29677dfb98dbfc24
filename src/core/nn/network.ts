import { WEIGHTS_FORMAT } from '../experiment/types';
import type { ActivationKind, NetworkSpec, WeightsFile, WeightsLayer } from '../experiment/types';
import { parseWeights } from '../weights/format';
import { getKernels } from '../kernels/index';
import type { Kernels } from '../kernels/types';
import type { Rng } from '../random/rng';
import { activate, activateBackward, resolveActivation } from './activations';
import { initializeLayer } from './init';

export interface DenseLayer {
  readonly index: number;
  readonly inputs: number;
  readonly units: number;
  readonly kind: ActivationKind;
  /** The activation's parameter: leaky slope, elu α, prelu's current learned slope (alphaParam[0]); 0 where unused. */
  alpha: number;
  /** units × inputs (PyTorch nn.Linear layout). */
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly gradWeight: Float32Array;
  readonly gradBias: Float32Array;
  /** Length-1 arrays for prelu: the learned slope and its gradient; null otherwise. */
  readonly alphaParam: Float32Array | null;
  readonly gradAlpha: Float32Array | null;
  /** capacity × units: pre-activations of the last forward. */
  readonly pre: Float32Array;
  /** capacity × units: activations of the last forward. */
  readonly post: Float32Array;
  /** capacity × units: dLoss/dPre of the last backward. */
  readonly gradPre: Float32Array;
  /**
   * Math.min and Math.max of the last backward's gradPre (its batch × units
   * values), where that backward was asked to find them and the layer's
   * backward could on the way (ReLU on kernels with a fused backward); null
   * otherwise.
   */
  readonly gradPreRange: { readonly min: number; readonly max: number } | null;
}

/**
 * Called with a layer's index as soon as a pass is done with it (forward:
 * its pre and post are filled; backward: its gradients), so that an
 * instrument reads them while they are still in cache: a 1024-sample
 * probe's first layer is 2 MB of pre and post, more than a core's L2 holds
 * once the next layer has run.
 */
export type LayerHook = (index: number) => void;

/** A trainable tensor and its gradient, for the optimizers. */
export interface Param {
  name: string;
  value: Float32Array;
  grad: Float32Array;
}

class Dense implements DenseLayer {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly gradWeight: Float32Array;
  readonly gradBias: Float32Array;
  readonly alphaParam: Float32Array | null;
  readonly gradAlpha: Float32Array | null;
  // The per-sample buffers (capacity × units), set once by allocateSamples.
  pre!: Float32Array;
  post!: Float32Array;
  gradPre!: Float32Array;
  /** dLoss/dPost, written by the next layer's backward; null for the output layer, whose dPost is the caller's dOutput. */
  gradPost!: Float32Array | null;
  gradPreRange: { min: number; max: number } | null = null;
  /** What gradPreRange points at when set: one object for the layer's life, so backward allocates nothing. */
  readonly foundRange = { min: 0, max: 0 };
  /** Where a prelu layer's slope starts on initialize(). */
  readonly initialAlpha: number;
  private fixedAlpha: number;

  constructor(
    readonly index: number,
    readonly inputs: number,
    readonly units: number,
    readonly kind: ActivationKind,
    alpha: number,
    private readonly isOutput: boolean,
    param: (n: number) => Float32Array,
  ) {
    this.weight = param(units * inputs);
    this.bias = param(units);
    this.gradWeight = param(units * inputs);
    this.gradBias = param(units);
    const learnsAlpha = kind === 'prelu';
    this.alphaParam = learnsAlpha ? Float32Array.of(alpha) : null;
    this.gradAlpha = learnsAlpha ? new Float32Array(1) : null;
    this.initialAlpha = alpha;
    this.fixedAlpha = alpha;
  }

  allocateSamples(capacity: number, alloc: (n: number) => Float32Array): void {
    const n = capacity * this.units;
    this.pre = alloc(n);
    this.post = alloc(n);
    this.gradPre = alloc(n);
    this.gradPost = this.isOutput ? null : alloc(n);
  }

  get alpha(): number {
    return this.alphaParam ? this.alphaParam[0] : this.fixedAlpha;
  }

  set alpha(value: number) {
    if (this.alphaParam) this.alphaParam[0] = value;
    else this.fixedAlpha = value;
  }
}

/**
 * A stack of dense layers (nn.Linear + activation) with every buffer
 * allocated up front for batches of at most `capacity` samples: forward and
 * backward allocate nothing, so training runs without garbage collection.
 */
export class Network {
  readonly layers: DenseLayer[];
  private readonly dense: Dense[];
  readonly outputs: number;
  /** What every layer and the optimizers over its params compute with. */
  readonly kernels: Kernels;
  private readonly paramList: Param[];

  constructor(
    readonly spec: NetworkSpec,
    readonly capacity: number,
    kernels?: Kernels,
  ) {
    assertCount(spec.inputs, 'network.inputs');
    assertCount(capacity, 'capacity');
    if (spec.layers.length === 0) throw new Error('network.layers: expected at least one layer');
    this.kernels = kernels ?? getKernels();
    // Parameters, gradients and the per-sample buffers in the kernels' own
    // memory where they have one: every step's products, statistics and
    // update then use them in place, and on two threads each reads the rows
    // it wrote itself (a copy made by one thread would have to cross to the
    // other core's cache). Every parameter first: where the memory runs
    // short (a network rebuilt while the last one awaits collection), the
    // per-sample buffers are the ones left outside, copied in on each call.
    const alloc = (n: number) => this.kernels.alloc?.(n) ?? new Float32Array(n);
    let inputs = spec.inputs;
    const last = spec.layers.length - 1;
    this.dense = spec.layers.map((layer, index) => {
      assertCount(layer.units, `network.layers[${index}].units`);
      const { kind, alpha } = resolveActivation(layer.activation);
      const dense = new Dense(index, inputs, layer.units, kind, alpha, index === last, alloc);
      inputs = layer.units;
      return dense;
    });
    for (const layer of this.dense) layer.allocateSamples(capacity, alloc);
    this.layers = this.dense;
    this.outputs = this.dense[last].units;
    this.paramList = [];
    for (const layer of this.dense) {
      this.paramList.push({ name: `layers.${layer.index}.weight`, value: layer.weight, grad: layer.gradWeight });
      this.paramList.push({ name: `layers.${layer.index}.bias`, value: layer.bias, grad: layer.gradBias });
      if (layer.alphaParam && layer.gradAlpha) {
        this.paramList.push({ name: `layers.${layer.index}.alpha`, value: layer.alphaParam, grad: layer.gradAlpha });
      }
    }
  }

  /** Fresh parameters: each layer's init scheme, then its bias override, prelu slopes back to their spec value. */
  initialize(rng: Rng): void {
    this.dense.forEach((layer, i) => {
      const spec = this.spec.layers[i];
      initializeLayer(spec.init, layer.weight, layer.bias, layer.inputs, layer.units, rng);
      if (spec.bias !== null) layer.bias.fill(spec.bias);
      if (layer.alphaParam) layer.alphaParam[0] = layer.initialAlpha;
    });
  }

  /** Runs `batch` rows of x (batch × inputs) through the network; returns the output layer's post buffer (capacity × outputs, first batch rows valid). */
  forward(x: Float32Array, batch: number, afterLayer?: LayerHook): Float32Array {
    this.checkBatch(x, batch);
    let input = x;
    for (let l = 0; l < this.dense.length; l++) {
      const layer = this.dense[l];
      if (layer.kind === 'relu' && this.kernels.gemmNTRelu) {
        // ReLU while pre is still in cache: the same bits as activate's loop, without its mispredicted branches.
        this.kernels.gemmNTRelu(batch, layer.units, layer.inputs, input, layer.weight, layer.pre, layer.post, layer.bias);
      } else {
        this.kernels.gemmNT(batch, layer.units, layer.inputs, input, layer.weight, layer.pre, layer.bias);
        activate(layer.kind, layer.alpha, layer.pre, layer.post, batch * layer.units);
      }
      input = layer.post;
      afterLayer?.(l);
    }
    return input;
  }

  /**
   * Gradients of the loss for the batch of the preceding forward(x, batch),
   * given dOutput = dLoss/dOutput (batch × outputs). Overwrites every
   * gradient; nothing accumulates across calls. `findRanges`: steps whose
   * gradients an instrument will bin also get each layer's gradPreRange.
   */
  backward(x: Float32Array, dOutput: Float32Array, batch: number, afterLayer?: LayerHook, findRanges = false): void {
    this.checkBatch(x, batch);
    for (let l = this.dense.length - 1; l >= 0; l--) {
      const layer = this.dense[l];
      const units = layer.units;
      const gradPost = layer.gradPost ?? dOutput;
      layer.gradPreRange = null;
      if (layer.kind === 'relu' && this.kernels.reluBackward) {
        this.kernels.reluBackward(layer.pre, gradPost, layer.gradPre, batch * units, findRanges ? layer.foundRange : undefined);
        if (findRanges) layer.gradPreRange = layer.foundRange;
      } else {
        const gradAlpha = activateBackward(layer.kind, layer.alpha, layer.pre, layer.post, gradPost, layer.gradPre, batch * units);
        if (layer.gradAlpha) layer.gradAlpha[0] = gradAlpha;
      }
      const input = l === 0 ? x : this.dense[l - 1].post;
      this.kernels.gemmTN(units, layer.inputs, batch, layer.gradPre, input, layer.gradWeight);
      sumColumns(layer.gradPre, batch, units, layer.gradBias);
      // The first layer's input gradient would be dLoss/dx: nobody needs it.
      if (l > 0) {
        this.kernels.gemmNN(batch, layer.inputs, units, layer.gradPre, layer.weight, this.dense[l - 1].gradPost as Float32Array);
      }
      afterLayer?.(l);
    }
  }

  /** Every trainable tensor in a stable order: per layer weight, bias, then prelu alpha. */
  params(): Param[] {
    return this.paramList.slice();
  }

  getWeights(): WeightsFile {
    return {
      format: WEIGHTS_FORMAT,
      layers: this.layers.map((layer) => {
        const weight: number[][] = [];
        for (let o = 0; o < layer.units; o++) {
          weight.push(Array.from(layer.weight.subarray(o * layer.inputs, (o + 1) * layer.inputs)));
        }
        const out: WeightsLayer = { weight, bias: Array.from(layer.bias) };
        if (layer.alphaParam) out.alpha = layer.alphaParam[0];
        return out;
      }),
    };
  }

  /**
   * Loads weights in PyTorch layout, checked against this network by the
   * weights format's own validator before anything is written: a bad file
   * leaves the network as it was. Every prelu layer has its `alpha`.
   */
  setWeights(w: WeightsFile): void {
    const checked = parseWeights(w, this.spec);
    this.dense.forEach((layer, i) => {
      const source = checked.layers[i];
      for (let o = 0; o < layer.units; o++) {
        const row = source.weight[o];
        for (let k = 0; k < layer.inputs; k++) layer.weight[o * layer.inputs + k] = row[k];
      }
      for (let o = 0; o < layer.units; o++) layer.bias[o] = source.bias[o];
      if (layer.alphaParam && source.alpha !== undefined) layer.alphaParam[0] = source.alpha;
    });
  }

  /** Copies weights, biases and slopes from a network of the same architecture (e.g. the training network into a larger-capacity probe network). */
  copyParametersFrom(other: Network): void {
    if (other === this) return;
    const sameShape =
      other.layers.length === this.layers.length &&
      other.spec.inputs === this.spec.inputs &&
      other.layers.every((l, i) => l.units === this.layers[i].units && l.kind === this.layers[i].kind);
    if (!sameShape) throw new Error('copyParametersFrom: the networks have different architectures');
    this.layers.forEach((layer, i) => {
      const source = other.layers[i];
      layer.weight.set(source.weight);
      layer.bias.set(source.bias);
      layer.alpha = source.alpha;
    });
  }

  private checkBatch(x: Float32Array, batch: number): void {
    if (!Number.isInteger(batch) || batch < 1 || batch > this.capacity) {
      throw new RangeError(`batch must be an integer in 1..${this.capacity} (the network's capacity), got ${batch}`);
    }
    if (x.length < batch * this.spec.inputs) {
      throw new RangeError(`x holds ${x.length} values, fewer than batch × inputs = ${batch * this.spec.inputs}`);
    }
  }
}

/** out[j] = Σ_r m[r][j] over the first `rows` rows, summed in float64. */
function sumColumns(m: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let r = 0, at = j; r < rows; r++, at += cols) sum += m[at];
    out[j] = sum;
  }
}

function assertCount(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${path}: expected an integer ≥ 1, got ${value}`);
}
