import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/experiment/errors';
import { WEIGHTS_FORMAT } from '../../src/core/experiment/types';
import type { NetworkSpec, WeightsFile } from '../../src/core/experiment/types';
import { referenceKernels } from '../../src/core/kernels/index';
import { minMax } from '../../src/core/kernels/stats-plain';
import { createWasmKernels } from '../../src/core/kernels/wasm/index';
import { Network } from '../../src/core/nn/network';
import { Rng } from '../../src/core/random/rng';

const spec: NetworkSpec = {
  inputs: 8,
  layers: [
    { units: 16, activation: { kind: 'relu' }, init: 'he-normal', bias: -100 },
    { units: 16, activation: { kind: 'prelu' }, init: 'he-normal', bias: null },
    { units: 3, activation: { kind: 'linear' }, init: 'torch-default', bias: null },
  ],
  loss: 'softmax-cross-entropy',
};

function caughtFrom(action: () => void): ValidationError {
  try {
    action();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('Network', () => {
  it('lays out one nn.Linear + activation per spec layer', () => {
    const net = new Network(spec, 32);
    expect(net.layers.map((l) => [l.inputs, l.units, l.kind])).toEqual([[8, 16, 'relu'], [16, 16, 'prelu'], [16, 3, 'linear']]);
    expect(net.outputs).toBe(3);
    expect(net.layers[0].weight.length).toBe(16 * 8);
    expect(net.layers[0].pre.length).toBe(32 * 16);
    expect(net.params().map((p) => p.name)).toEqual([
      'layers.0.weight', 'layers.0.bias',
      'layers.1.weight', 'layers.1.bias', 'layers.1.alpha',
      'layers.2.weight', 'layers.2.bias',
    ]);
  });

  it('initializes with each scheme, then the bias override; prelu starts at its default slope', () => {
    const net = new Network(spec, 4);
    net.layers[1].alpha = 0.9;
    net.initialize(new Rng(1));
    expect(net.layers[0].bias.every((b) => b === -100)).toBe(true);
    expect(net.layers[1].bias.every((b) => b === 0)).toBe(true);
    expect(net.layers[2].bias.some((b) => b !== 0)).toBe(true); // torch-default draws biases
    expect(net.layers[1].alpha).toBe(0.25);
    expect(net.layers[1].alphaParam?.[0]).toBe(0.25);
  });

  it('kills a layer with bias −100: every relu output is 0, and so is its gradient', () => {
    const net = new Network(spec, 4);
    net.initialize(new Rng(1));
    const x = Float32Array.from({ length: 4 * 8 }, (_, i) => Math.sin(i));
    net.forward(x, 4);
    expect(net.layers[0].post.subarray(0, 64).every((v) => v === 0)).toBe(true);
    net.backward(x, new Float32Array(4 * 3).fill(0.1), 4);
    expect(net.layers[0].gradWeight.every((v) => v === 0)).toBe(true);
  });

  it('hands each layer to a hook as soon as a pass is done with it, with its buffers final', () => {
    const net = new Network(spec, 4);
    net.initialize(new Rng(2));
    const x = Float32Array.from({ length: 4 * 8 }, (_, i) => Math.cos(i));
    const seen: [string, number, number[]][] = [];
    const out = net.forward(x, 4, (l) => seen.push(['forward', l, Array.from(net.layers[l].post.subarray(0, 4 * net.layers[l].units))]));
    net.backward(x, out.map((v) => v / 10), 4, (l) => seen.push(['backward', l, Array.from(net.layers[l].gradWeight)]));
    expect(seen.map(([pass, l]) => `${pass} ${l}`)).toEqual(['forward 0', 'forward 1', 'forward 2', 'backward 2', 'backward 1', 'backward 0']);
    // What each hook saw is what the pass left.
    for (const [pass, l, values] of seen) {
      const layer = net.layers[l];
      expect(values).toEqual(Array.from(pass === 'forward' ? layer.post.subarray(0, 4 * layer.units) : layer.gradWeight));
    }
  });

  it('finds the range of dLoss/dPre on the way when asked, where the layer’s backward can (ReLU)', () => {
    const net = new Network({ ...spec, layers: spec.layers.map((l, i) => (i === 0 ? { ...l, bias: null } : l)) }, 4, createWasmKernels()!);
    net.initialize(new Rng(3));
    const x = Float32Array.from({ length: 4 * 8 }, (_, i) => Math.sin(i * 7));
    const dOutput = net.forward(x, 4).map((v) => v - 0.3);
    net.backward(x, dOutput, 4);
    expect(net.layers.map((l) => l.gradPreRange)).toEqual([null, null, null]);
    net.backward(x, dOutput, 4, undefined, true);
    const relu = net.layers[0];
    const want = { min: 0, max: 0 };
    minMax(relu.gradPre, 4 * relu.units, want);
    expect(relu.gradPreRange).toEqual(want);
    expect(want.min).toBeLessThan(0);
    // prelu and linear layers: their histogram finds the range itself.
    expect(net.layers.slice(1).map((l) => l.gradPreRange)).toEqual([null, null]);
  });

  it('round-trips weights in PyTorch layout (weight[out][in]) and keeps prelu alpha', () => {
    const net = new Network(spec, 4);
    net.initialize(new Rng(2));
    net.layers[1].alpha = 0.5;
    const w = net.getWeights();
    expect(w.format).toBe(WEIGHTS_FORMAT);
    expect(w.layers[0].weight.length).toBe(16);
    expect(w.layers[0].weight[0].length).toBe(8);
    expect(w.layers[0].weight[1][2]).toBe(net.layers[0].weight[1 * 8 + 2]);
    expect(w.layers[1].alpha).toBe(0.5);
    expect('alpha' in w.layers[0]).toBe(false);

    const copy = new Network(spec, 2);
    copy.setWeights(JSON.parse(JSON.stringify(w)) as WeightsFile);
    expect(copy.getWeights()).toEqual(w);
  });

  it('rejects weights of the wrong shape, naming the field, and changes nothing', () => {
    const net = new Network(spec, 4);
    net.initialize(new Rng(3));
    const before = net.getWeights();
    const bad = net.getWeights();
    bad.layers[1].weight.pop();
    const error = caughtFrom(() => net.setWeights(bad));
    expect(error.path).toBe('weights.layers[1].weight');
    expect(error.message).toBe('weights.layers[1].weight: expected 16 rows (out) of 16 numbers (in), got 15 × 16');
    expect(error.kind).toBe('weights');
    expect(net.getWeights()).toEqual(before);

    const badRow = net.getWeights();
    badRow.layers[0].weight[3] = [1, 2];
    expect(caughtFrom(() => net.setWeights(badRow)).message).toBe('weights.layers[0].weight[3]: expected 8 numbers (in), got 2');

    const badNumber = net.getWeights();
    (badNumber.layers[2].bias as unknown[])[1] = 'x';
    expect(caughtFrom(() => net.setWeights(badNumber)).message).toBe('weights.layers[2].bias[1]: expected a finite number, got "x"');

    const alphaOnRelu = net.getWeights();
    alphaOnRelu.layers[0].alpha = 0.1;
    expect(caughtFrom(() => net.setWeights(alphaOnRelu)).path).toBe('weights.layers[0].alpha');

    const tooFew = { format: WEIGHTS_FORMAT, layers: before.layers.slice(0, 2) } as WeightsFile;
    expect(caughtFrom(() => net.setWeights(tooFew)).message).toMatch(/expected 3 layers/);

    // A prelu layer always has its slope, as PyTorch's nn.PReLU always has its weight (DESIGN §4).
    const noAlpha = net.getWeights();
    delete noAlpha.layers[1].alpha;
    expect(caughtFrom(() => net.setWeights(noAlpha)).message).toBe('weights.layers[1].alpha: missing (expected a number: layer 1 is prelu)');
    expect(net.getWeights()).toEqual(before);
  });

  it('copies parameters into a network of another capacity and computes the same outputs', () => {
    const train = new Network(spec, 4);
    train.initialize(new Rng(4));
    train.layers[1].alpha = 0.1;
    const probe = new Network(spec, 64, referenceKernels);
    probe.copyParametersFrom(train);
    expect(probe.layers[1].alpha).toBeCloseTo(0.1, 7);
    const x = Float32Array.from({ length: 4 * 8 }, (_, i) => Math.cos(i));
    const a = Array.from(train.forward(x, 4).subarray(0, 12));
    const b = Array.from(probe.forward(x, 4).subarray(0, 12));
    b.forEach((v, i) => expect(v).toBeCloseTo(a[i], 5));
    expect(() => probe.copyParametersFrom(new Network({ ...spec, inputs: 9 }, 4))).toThrow(/architectures/);
  });

  it('refuses batches larger than its capacity or inputs that are too short', () => {
    const net = new Network(spec, 4);
    expect(() => net.forward(new Float32Array(5 * 8), 5)).toThrow(/capacity/);
    expect(() => net.forward(new Float32Array(3 * 8), 4)).toThrow(/batch × inputs/);
  });
});
