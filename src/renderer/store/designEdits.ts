/**
 * Design changes as pure functions Experiment → Experiment. The store runs
 * each result through `checkDesign` before accepting it, so these only shape
 * the change; they never decide whether it is valid.
 */
import { MNIST_SHAPE } from '../../core/data/mnist';
import { syntheticShape } from '../../core/data/synthetic';
import type { DataShape } from '../../core/data/compat';
import { dataDefaults } from '../../core/experiment/defaults';
import { LOSSES, lossFitting } from '../../core/nn/losses';
import type {
  ActivationKind, DataKind, DataSpec, Experiment, LayerSpec, LossKind, SyntheticKind,
} from '../../core/experiment/types';
import { ACTIVATION_DEFAULT_ALPHA, SYNTHETIC_KINDS } from '../../core/experiment/types';

const NEW_LAYER: LayerSpec = { units: 8, activation: { kind: 'relu' }, init: 'he-normal', bias: null };

/** Hidden layers are all but the last (output) layer. */
export function hiddenCount(e: Experiment): number {
  return e.network.layers.length - 1;
}

function withLayers(e: Experiment, layers: LayerSpec[]): Experiment {
  // Any structural change invalidates loaded weights: they no longer fit.
  return { ...e, network: { ...e.network, layers }, weights: null };
}

/** Appends a hidden layer just before the output, shaped like the last hidden layer. */
export function addHiddenLayer(e: Experiment): Experiment {
  const layers = e.network.layers;
  const template = layers.length > 1 ? layers[layers.length - 2] : NEW_LAYER;
  const copy: LayerSpec = { ...template, activation: { ...template.activation } };
  return withLayers(e, [...layers.slice(0, -1), copy, layers[layers.length - 1]]);
}

export function removeHiddenLayer(e: Experiment, index: number): Experiment {
  if (index < 0 || index >= hiddenCount(e)) return e;
  return withLayers(e, e.network.layers.filter((_, i) => i !== index));
}

/** Moves hidden layer `from` to position `to` (both hidden-layer indices). */
export function moveHiddenLayer(e: Experiment, from: number, to: number): Experiment {
  const n = hiddenCount(e);
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return e;
  const hidden = e.network.layers.slice(0, n);
  const [moved] = hidden.splice(from, 1);
  hidden.splice(to, 0, moved);
  return withLayers(e, [...hidden, e.network.layers[n]]);
}

/**
 * Changes one layer (hidden or output). Loaded weights stay unless they no
 * longer fit: a new width, or a switch to or from prelu (whose weights carry its alpha).
 */
export function updateLayer(e: Experiment, index: number, patch: Partial<LayerSpec>): Experiment {
  const old = e.network.layers[index];
  const layers = e.network.layers.map((l, i) => (i === index ? { ...l, ...patch } : l));
  const resized = patch.units !== undefined && patch.units !== old?.units;
  const prelu = (l: LayerSpec | undefined) => l?.activation.kind === 'prelu';
  if (resized || prelu(old) !== prelu(layers[index])) return withLayers(e, layers);
  return { ...e, network: { ...e.network, layers } };
}

/** An activation with its parameter: the previous alpha is kept when the new kind has one, else the PyTorch default. */
export function activationOf(kind: ActivationKind, previousAlpha?: number): LayerSpec['activation'] {
  const fallback = ACTIVATION_DEFAULT_ALPHA[kind];
  if (fallback === undefined) return { kind };
  return { kind, alpha: previousAlpha ?? fallback };
}

export function isSynthetic(kind: DataKind): kind is SyntheticKind {
  return (SYNTHETIC_KINDS as readonly string[]).includes(kind);
}

/** Sizes the input and output layers (and picks a loss, the current one where it fits) so the network fits the data. */
export function fitNetworkToData(e: Experiment, shape: DataShape): Experiment {
  const layers = e.network.layers;
  const output = layers[layers.length - 1];
  const loss = lossFitting(e.network.loss, shape);
  const fit = LOSSES[loss].fit(shape);
  const units = 'units' in fit ? fit.units : output.units;
  const sameShape = e.network.inputs === shape.inputs && output.units === units;
  const next: Experiment = {
    ...e,
    network: { ...e.network, inputs: shape.inputs, loss, layers: [...layers.slice(0, -1), { ...output, units }] },
  };
  return sameShape ? next : { ...next, weights: null };
}

/** The shape of the data a spec describes, when it is known without reading a file. */
export function knownShape(data: DataSpec): DataShape | null {
  if (isSynthetic(data.kind)) return syntheticShape(data as Extract<DataSpec, { kind: SyntheticKind }>);
  if (data.kind === 'mnist') return MNIST_SHAPE;
  return null;
}

/** Switches the data set kind with that kind's defaults, keeping the test fraction, and refits the network. */
export function changeDataKind(e: Experiment, kind: DataKind, csv?: { path: string; labelColumn: string | number; shape: DataShape }): Experiment {
  const d = dataDefaults(kind);
  const testFraction = e.data.testFraction;
  let data: DataSpec;
  if (isSynthetic(kind)) {
    const previous = isSynthetic(e.data.kind) ? e.data as Extract<DataSpec, { kind: SyntheticKind }> : null;
    data = { kind, samples: previous?.samples ?? d.samples, noise: previous?.noise ?? d.noise, classes: d.classes || 2, testFraction };
    if (kind === 'spiral' || kind === 'gaussians') data.classes = previous && previous.classes >= 2 ? previous.classes : d.classes;
  } else if (kind === 'mnist') {
    data = { kind, samples: d.samples, testFraction };
  } else if (kind === 'csv') {
    if (!csv) return e;
    data = { kind, path: csv.path, labelColumn: csv.labelColumn, testFraction };
  } else {
    // Inline data lives only in files; the picker offers it only when the document already has it.
    return e;
  }
  const next = { ...e, data };
  const shape = kind === 'csv' ? csv!.shape : knownShape(data);
  return shape ? fitNetworkToData(next, shape) : next;
}

/** Changes fields of the current data spec (samples, noise, classes, test fraction, label column) and refits. */
export function updateData(e: Experiment, patch: Record<string, unknown>, shape?: DataShape): Experiment {
  const next = { ...e, data: { ...e.data, ...patch } as DataSpec };
  const fit = shape ?? knownShape(next.data);
  return fit ? fitNetworkToData(next, fit) : next;
}

/**
 * Picks a loss and resizes the output layer for it (sigmoid-bce on two
 * classes has one output unit). A loss that does not suit the data is left
 * for `checkDesign` to refuse with its message.
 */
export function withLoss(e: Experiment, loss: LossKind): Experiment {
  const layers = e.network.layers;
  const output = layers[layers.length - 1];
  const shape = knownShape(e.data);
  const fit = shape ? LOSSES[loss].fit(shape) : null;
  const units = fit && 'units' in fit ? fit.units : output.units;
  const next = { ...e, network: { ...e.network, loss, layers: [...layers.slice(0, -1), { ...output, units }] } };
  return units === output.units ? next : { ...next, weights: null };
}
