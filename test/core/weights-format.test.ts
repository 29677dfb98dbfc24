import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/experiment/errors';
import type { NetworkSpec } from '../../src/core/experiment/types';
import { parseWeights, parseWeightsText, serializeWeights } from '../../src/core/weights/format';

/** 16 → 8 prelu → 3 linear. */
const network: NetworkSpec = {
  inputs: 16,
  layers: [
    { units: 8, activation: { kind: 'prelu', alpha: 0.25 }, init: 'he-normal', bias: null },
    { units: 3, activation: { kind: 'linear' }, init: 'he-normal', bias: null },
  ],
  loss: 'softmax-cross-entropy',
};

const matrix = (rows: number, cols: number, start = 0) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => start + r * cols + c));

function valid(): any {
  return {
    format: 'relu-lab/weights@1',
    layers: [
      { weight: matrix(8, 16, -64), bias: new Array(8).fill(0.5), alpha: 0.2 },
      { weight: matrix(3, 8), bias: [1, 2, 3] },
    ],
  };
}

function errorOf(raw: unknown, net?: NetworkSpec): string {
  try {
    parseWeights(raw, net);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).kind).toBe('weights');
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('parseWeights', () => {
  it('accepts weight[out][in] with bias[out], alpha on prelu layers', () => {
    const w = parseWeights(valid(), network);
    expect(w.layers[0].weight[7][15]).toBe(63);
    expect(w.layers[0].alpha).toBe(0.2);
    expect(w.layers[1].alpha).toBeUndefined();
  });

  it('names the layer and the expected shape when it does not fit the network', () => {
    const raw = valid();
    raw.layers[1].weight = matrix(3, 7);
    expect(errorOf(raw, network)).toBe('weights.layers[1].weight: expected 3 rows (out) of 8 numbers (in), got 3 × 7');
    const wide = { ...network, layers: [network.layers[0], { ...network.layers[1], units: 8 }, { ...network.layers[1] }] };
    const three = valid();
    three.layers = [three.layers[0], { weight: matrix(8, 15), bias: new Array(8).fill(0) }, three.layers[1]];
    expect(errorOf(three, wide)).toBe('weights.layers[1].weight: expected 8 rows (out) of 8 numbers (in), got 8 × 15');
  });

  it('checks the layer count, bias length and ragged rows', () => {
    const raw = valid();
    raw.layers.pop();
    expect(errorOf(raw, network)).toBe('weights.layers: expected 2 layers (like network.layers), got 1');
    const bias = valid();
    bias.layers[1].bias = [1, 2];
    expect(errorOf(bias, network)).toBe('weights.layers[1].bias: expected 3 numbers (one per output unit), got 2');
    const ragged = valid();
    ragged.layers[0].weight[3] = [1, 2];
    expect(errorOf(ragged)).toBe('weights.layers[0].weight[3]: expected 16 numbers (like row 0), got 2');
    expect(errorOf(ragged, network)).toBe('weights.layers[0].weight[3]: expected 16 numbers (in), got 2');
  });

  it('chains layers even without a network', () => {
    const raw = valid();
    raw.layers[1].weight = matrix(3, 9);
    expect(errorOf(raw)).toBe('weights.layers[1].weight: expected 3 rows (out) of 8 numbers (in) (the previous layer has 8 outputs), got 3 × 9');
  });

  it('alpha: required on prelu layers, refused on others', () => {
    const missing = valid();
    delete missing.layers[0].alpha;
    expect(errorOf(missing, network)).toBe('weights.layers[0].alpha: missing (expected a number: layer 0 is prelu)');
    const extra = valid();
    extra.layers[1].alpha = 0.1;
    expect(errorOf(extra, network)).toBe('weights.layers[1].alpha: only prelu layers have alpha (layer 1 is linear)');
  });

  it('refuses non-finite numbers, unknown fields and another format', () => {
    const nan = valid();
    nan.layers[0].weight[2][5] = null;
    expect(errorOf(nan)).toBe('weights.layers[0].weight[2][5]: expected a finite number, got null');
    const extra = valid();
    extra.layers[0].gain = 1;
    expect(errorOf(extra)).toBe('weights.layers[0].gain: unknown field (expected one of: weight, bias, alpha)');
    expect(errorOf({ ...valid(), format: 'relu-lab/weights@2' })).toBe('weights.format: expected "relu-lab/weights@1", got "relu-lab/weights@2"');
    expect(errorOf({ ...valid(), layers: [] })).toBe('weights.layers: expected a non-empty array of layers, got an array of 0');
  });
});

describe('weights text', () => {
  it('serializes one weight row per line and parses back equal', () => {
    const w = parseWeights(valid(), network);
    const text = serializeWeights(w);
    expect(text).toContain('[-64, -63, -62, -61, -60, -59, -58, -57, -56, -55, -54, -53, -52, -51, -50, -49]');
    expect(parseWeightsText(text, network)).toEqual(w);
  });

  it('keeps float32 values exactly', () => {
    const w = valid();
    w.layers[1].bias = [Math.fround(0.1), Math.fround(-1e-7), Math.fround(3.3)];
    const back = parseWeightsText(serializeWeights(parseWeights(w)));
    expect(Float32Array.from(back.layers[1].bias)).toEqual(Float32Array.from(w.layers[1].bias));
  });

  it('reports text that is not JSON', () => {
    expect(() => parseWeightsText('{"format": "relu-lab/weights@1",\n "layers": [}')).toThrow(
      'not valid JSON: expected a value, found "}" at line 2 column 13',
    );
  });
});
