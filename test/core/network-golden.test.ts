import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEIGHTS_FORMAT } from '../../src/core/experiment/types';
import type { ActivationKind, InitKind, LossKind, NetworkSpec, OptimizerSpec, WeightsFile } from '../../src/core/experiment/types';
import { lossBackward, lossForward } from '../../src/core/nn/losses';
import { Network } from '../../src/core/nn/network';
import { createOptimizer } from '../../src/core/optim/index';

type Matrix = number[][];
interface GoldenLayer { weight: Matrix; bias: number[] }
interface TrainingCase {
  optimizer: { kind: OptimizerSpec['kind'] } & Record<string, number | boolean | string>;
  steps: number;
  lossesBeforeEachStep: number[];
  lossAfter: number;
  weights: GoldenLayer[];
  prelu: Record<string, number>;
}
interface MlpCase {
  id: string;
  init: InitKind;
  layers: { units: number; activation: ActivationKind | { kind: ActivationKind; alpha?: number } }[];
  loss: LossKind;
  x: Matrix;
  y: number[] | Matrix;
  weights: GoldenLayer[];
  prelu: Record<string, number>;
  output: Matrix;
  lossValue: number;
  grads: GoldenLayer[];
  preluGrads: Record<string, number>;
  hiddenStats: { layer: number; inactiveFraction: number; zeroFraction: number; deadNeurons: number[] }[];
  training: TrainingCase[];
}

const golden = JSON.parse(readFileSync(new URL('../fixtures/mlp.json', import.meta.url), 'utf8')) as { cases: MlpCase[] };

function specOf(c: MlpCase): NetworkSpec {
  return {
    inputs: c.x[0].length,
    layers: c.layers.map((l) => ({
      units: l.units,
      activation: typeof l.activation === 'string' ? { kind: l.activation } : l.activation,
      init: c.init,
      bias: null,
    })),
    loss: c.loss,
  };
}

function weightsOf(layers: GoldenLayer[], prelu: Record<string, number>): WeightsFile {
  return {
    format: WEIGHTS_FORMAT,
    layers: layers.map((l, i) => (prelu[i] === undefined ? { ...l } : { ...l, alpha: prelu[i] })),
  };
}

/** The case's batch as the trainer hands it over: flat x, flat targets, class indices for cross-entropy. */
function batchOf(c: MlpCase) {
  const x = Float32Array.from(c.x.flat());
  const classification = c.loss === 'softmax-cross-entropy';
  const labels = classification ? Int32Array.from(c.y as number[]) : null;
  const width = c.layers[c.layers.length - 1].units;
  const y = classification ? new Float32Array(c.x.length * width) : Float32Array.from((c.y as Matrix).flat());
  if (labels) labels.forEach((label, r) => { y[r * width + label] = 1; });
  return { x, y, labels, batch: c.x.length, width };
}

/** PyTorch's optimizer defaults for the fields a fixture leaves out. */
function optimizerSpecOf(o: TrainingCase['optimizer']): OptimizerSpec {
  const num = (key: string, fallback: number): number => (typeof o[key] === 'number' ? (o[key] as number) : fallback);
  switch (o.kind) {
    case 'sgd':
      return { kind: 'sgd', lr: num('lr', 0.01), momentum: num('momentum', 0), nesterov: o.nesterov === true, weightDecay: num('weightDecay', 0) };
    case 'adam':
    case 'adamw':
      return { kind: o.kind, lr: num('lr', 0.001), beta1: num('beta1', 0.9), beta2: num('beta2', 0.999), eps: num('eps', 1e-8), weightDecay: num('weightDecay', o.kind === 'adamw' ? 0.01 : 0) };
    case 'rmsprop':
      return { kind: 'rmsprop', lr: num('lr', 0.01), rho: num('rho', num('alpha', 0.99)), eps: num('eps', 1e-8), weightDecay: num('weightDecay', 0) };
  }
}

function closeness(actual: number, expected: number, rel: number): boolean {
  return Math.abs(actual - expected) <= rel + rel * Math.abs(expected);
}

function expectAllClose(actual: ArrayLike<number>, expected: number[], what: string, rel = 1e-4): void {
  for (let i = 0; i < expected.length; i++) {
    if (!closeness(actual[i], expected[i], rel)) expect.fail(`${what}[${i}]: got ${actual[i]}, PyTorch ${expected[i]}`);
  }
}

function loaded(c: MlpCase, capacity = c.x.length): Network {
  const net = new Network(specOf(c), capacity);
  net.setWeights(weightsOf(c.weights, c.prelu));
  return net;
}

describe.each(golden.cases.map((c) => [c.id, c] as const))('MLP %s matches PyTorch', (_, c) => {
  it('forward: output and loss', () => {
    const net = loaded(c);
    const { x, y, labels, batch, width } = batchOf(c);
    const out = net.forward(x, batch);
    expectAllClose(out, c.output.flat(), 'output');
    expectAllClose([lossForward(c.loss, out, y, labels, batch, width)], [c.lossValue], 'loss');
  });

  it('hidden pre-activations give the fixture statistics', () => {
    const net = loaded(c);
    const { x, batch } = batchOf(c);
    net.forward(x, batch);
    for (const stats of c.hiddenStats) {
      const layer = net.layers[stats.layer];
      const n = batch * layer.units;
      let inactive = 0;
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        if (layer.pre[i] <= 0) inactive++;
        if (layer.post[i] === 0) zeros++;
      }
      expect(inactive / n).toBeCloseTo(stats.inactiveFraction, 10);
      expect(zeros / n).toBeCloseTo(stats.zeroFraction, 10);
    }
  });

  it('backward: every parameter gradient, prelu slopes included', () => {
    // A capacity larger than the batch must not change anything.
    const net = loaded(c, c.x.length + 5);
    const { x, y, labels, batch, width } = batchOf(c);
    const out = net.forward(x, batch);
    const dOutput = new Float32Array(net.capacity * width);
    lossBackward(c.loss, out, y, labels, batch, width, dOutput);
    net.backward(x, dOutput, batch);
    c.grads.forEach((g, i) => {
      expectAllClose(net.layers[i].gradWeight, g.weight.flat(), `layers[${i}].gradWeight`);
      expectAllClose(net.layers[i].gradBias, g.bias, `layers[${i}].gradBias`);
    });
    for (const [index, expected] of Object.entries(c.preluGrads)) {
      expectAllClose(net.layers[Number(index)].gradAlpha as Float32Array, [expected], `layers[${index}].gradAlpha`);
    }
  });

  it('backward overwrites gradients instead of accumulating them', () => {
    const net = loaded(c);
    const { x, y, labels, batch, width } = batchOf(c);
    const dOutput = new Float32Array(batch * width);
    for (let pass = 0; pass < 2; pass++) {
      const out = net.forward(x, batch);
      lossBackward(c.loss, out, y, labels, batch, width, dOutput);
      net.backward(x, dOutput, batch);
    }
    expectAllClose(net.layers[0].gradWeight, c.grads[0].weight.flat(), 'layers[0].gradWeight after two passes');
  });

  it.each(c.training.map((t) => [JSON.stringify(t.optimizer), t] as const))('five full-batch steps of %s', (_, t) => {
    const net = loaded(c);
    const { x, y, labels, batch, width } = batchOf(c);
    const optimizer = createOptimizer(optimizerSpecOf(t.optimizer), net.params());
    const dOutput = new Float32Array(batch * width);
    for (let step = 0; step < t.steps; step++) {
      const out = net.forward(x, batch);
      const loss = lossForward(c.loss, out, y, labels, batch, width);
      expectAllClose([loss], [t.lossesBeforeEachStep[step]], `loss before step ${step}`);
      lossBackward(c.loss, out, y, labels, batch, width, dOutput);
      net.backward(x, dOutput, batch);
      optimizer.step();
    }
    const after = lossForward(c.loss, net.forward(x, batch), y, labels, batch, width);
    expectAllClose([after], [t.lossAfter], 'loss after the last step');
    const trained = net.getWeights();
    t.weights.forEach((w, i) => {
      expectAllClose(trained.layers[i].weight.flat(), w.weight.flat(), `layers[${i}].weight`);
      expectAllClose(trained.layers[i].bias, w.bias, `layers[${i}].bias`);
    });
    for (const [index, alpha] of Object.entries(t.prelu)) {
      expectAllClose([trained.layers[Number(index)].alpha as number], [alpha], `layers[${index}].alpha`);
    }
  });
});
