/**
 * The weights file `relu-lab/weights@1` (DESIGN §4, a contract): PyTorch
 * nn.Linear layout, weight[out][in], bias[out], and a single `alpha` for
 * prelu layers. Also embedded as an experiment's `weights` field, so paths
 * in messages always start at `weights`.
 */
import { WEIGHTS_FORMAT, type NetworkSpec, type WeightsFile, type WeightsLayer } from '../experiment/types';
import { at, describe, fail, join, number, numberRows, numbers, object, required, string } from '../experiment/fields';
import { parseJson } from '../experiment/json';
import { prettyJson } from '../experiment/prettyJson';

const ROOT = 'weights';
const KIND = 'weights';

/**
 * Validates a raw JSON value as a weights file. With `network`, also checks
 * that every layer has the shape that network needs.
 */
export function parseWeights(raw: unknown, network?: NetworkSpec): WeightsFile {
  const root = object(raw, ROOT, ['format', 'layers'], KIND);
  const format = string(required(root, ROOT, 'format', `"${WEIGHTS_FORMAT}"`, KIND), join(ROOT, 'format'), KIND);
  if (format !== WEIGHTS_FORMAT) fail(join(ROOT, 'format'), `expected "${WEIGHTS_FORMAT}", got ${describe(format)}`, KIND);

  const layersPath = join(ROOT, 'layers');
  const rawLayers = required(root, ROOT, 'layers', 'an array of layers', KIND);
  if (!Array.isArray(rawLayers) || rawLayers.length === 0) {
    fail(layersPath, `expected a non-empty array of layers, got ${describe(rawLayers)}`, KIND);
  }
  if (network && rawLayers.length !== network.layers.length) {
    fail(layersPath, `expected ${network.layers.length} layers (like network.layers), got ${rawLayers.length}`, KIND);
  }

  const layers: WeightsLayer[] = [];
  let inputs = network ? network.inputs : -1;
  for (let l = 0; l < rawLayers.length; l++) {
    const layer = parseLayer(rawLayers[l], at(layersPath, l), inputs, l, network);
    inputs = layer.bias.length;
    layers.push(layer);
  }
  return { format: WEIGHTS_FORMAT, layers };
}

/** `inputs`: the width this layer must accept (-1 when unknown: the first layer without a network). */
function parseLayer(raw: unknown, path: string, inputs: number, index: number, network?: NetworkSpec): WeightsLayer {
  const obj = object(raw, path, ['weight', 'bias', 'alpha'], KIND);
  const weightPath = join(path, 'weight');
  const weight = numberRows(required(obj, path, 'weight', 'weight[out][in], an array of rows of numbers', KIND), weightPath, KIND);
  const bias = numbers(required(obj, path, 'bias', 'bias[out], an array of numbers', KIND), join(path, 'bias'), KIND);

  const spec = network?.layers[index];
  const rows = spec ? spec.units : weight.length;
  const cols = inputs >= 0 ? inputs : weight[0]?.length ?? 0;
  const shapeOk = weight.length === rows && weight.every((r) => r.length === cols) && rows > 0 && cols > 0;
  if (!shapeOk) {
    const got = weight.length === 0 ? 'an empty array' : `${weight.length} × ${describeWidths(weight)}`;
    if (spec || inputs >= 0) {
      const because = spec ? '' : ` (the previous layer has ${inputs} outputs)`;
      // Rows that disagree with each other: the first one off is named (a uniform misfit is the whole matrix's).
      if (weight.length === rows && weight.some((r) => r.length !== weight[0].length)) {
        const off = weight.findIndex((r) => r.length !== cols);
        fail(at(weightPath, off), `expected ${cols} numbers (in)${because}, got ${weight[off].length}`, KIND);
      }
      fail(weightPath, `expected ${rows} rows (out) of ${cols} numbers (in)${because}, got ${got}`, KIND);
    }
    const ragged = weight.findIndex((r) => r.length !== cols);
    if (ragged > 0) fail(at(weightPath, ragged), `expected ${cols} numbers (like row 0), got ${weight[ragged].length}`, KIND);
    fail(weightPath, `expected a non-empty matrix weight[out][in], got ${got}`, KIND);
  }
  if (bias.length !== rows) fail(join(path, 'bias'), `expected ${rows} numbers (one per output unit), got ${bias.length}`, KIND);

  const layer: WeightsLayer = { weight, bias };
  const alphaPath = join(path, 'alpha');
  if (spec && spec.activation.kind === 'prelu' && obj.alpha === undefined) {
    fail(alphaPath, `missing (expected a number: layer ${index} is prelu)`, KIND);
  }
  if (obj.alpha !== undefined) {
    if (spec && spec.activation.kind !== 'prelu') {
      fail(alphaPath, `only prelu layers have alpha (layer ${index} is ${spec.activation.kind})`, KIND);
    }
    layer.alpha = number(obj.alpha, alphaPath, {}, KIND);
  }
  return layer;
}

/** "15" when all rows agree, "15…16" when they do not. */
function describeWidths(rows: number[][]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, r.length);
    hi = Math.max(hi, r.length);
  }
  return lo === hi ? String(lo) : `${lo}…${hi}`;
}

export function parseWeightsText(text: string, network?: NetworkSpec): WeightsFile {
  return parseWeights(parseJson(text, KIND), network);
}

/** False when a weight, bias or α is NaN or infinite (a diverged run's): JSON cannot hold those, and no file of them could be read back. */
export function weightsFinite(w: WeightsFile): boolean {
  const finite = (values: readonly number[]): boolean => values.every(Number.isFinite);
  return w.layers.every((l) => l.weight.every(finite) && finite(l.bias) && (l.alpha === undefined || Number.isFinite(l.alpha)));
}

/** Pretty JSON with one line per weight row; parses back to an equal WeightsFile. */
export function serializeWeights(w: WeightsFile): string {
  return prettyJson({
    format: WEIGHTS_FORMAT,
    layers: w.layers.map((l) => (l.alpha === undefined ? { weight: l.weight, bias: l.bias } : { weight: l.weight, bias: l.bias, alpha: l.alpha })),
  });
}
