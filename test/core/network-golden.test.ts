import { describe, expect, it } from 'vitest';
import { LOSSES } from '../../src/core/nn/losses';
import { createOptimizer } from '../../src/core/optim/index';
import { batchOf, golden, loadedNetwork, optimizerSpecOf, type MlpCase } from './golden-mlp';

function closeness(actual: number, expected: number, rel: number): boolean {
  return Math.abs(actual - expected) <= rel + rel * Math.abs(expected);
}

/** Every value, as many as PyTorch gave (at least one): a missing or extra value fails too. */
function expectAllClose(actual: ArrayLike<number>, expected: number[], what: string, rel = 1e-4): void {
  if (expected.length === 0) expect.fail(`${what}: the fixture has no values`);
  if (actual.length !== expected.length) expect.fail(`${what}: ${actual.length} values, PyTorch ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (!closeness(actual[i], expected[i], rel)) expect.fail(`${what}[${i}]: got ${actual[i]}, PyTorch ${expected[i]}`);
  }
}


/** The case's prelu layers, by index. */
function preluLayers(c: MlpCase): number[] {
  return c.layers.flatMap((l, i) => ((typeof l.activation === 'string' ? l.activation : l.activation.kind) === 'prelu' ? [i] : []));
}

describe.each(golden.cases.map((c) => [c.id, c] as const))('MLP %s matches PyTorch', (_, c) => {
  it('forward: output and loss', () => {
    const net = loadedNetwork(c);
    const { x, y, labels, batch, width } = batchOf(c);
    const out = net.forward(x, batch);
    expectAllClose(out, c.output.flat(), 'output');
    expectAllClose([LOSSES[c.loss].forward(out, y, labels, batch, width)], [c.lossValue], 'loss');
  });

  it('hidden pre-activations give the fixture statistics', () => {
    const net = loadedNetwork(c);
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
    const net = loadedNetwork(c, c.x.length + 5);
    const { x, y, labels, batch, width } = batchOf(c);
    const out = net.forward(x, batch);
    const dOutput = new Float32Array(net.capacity * width);
    LOSSES[c.loss].backward(out, y, labels, batch, width, dOutput);
    net.backward(x, dOutput, batch);
    expect(c.grads).toHaveLength(net.layers.length);
    expect(Object.keys(c.preluGrads).map(Number)).toEqual(preluLayers(c));
    c.grads.forEach((g, i) => {
      expectAllClose(net.layers[i].gradWeight, g.weight.flat(), `layers[${i}].gradWeight`);
      expectAllClose(net.layers[i].gradBias, g.bias, `layers[${i}].gradBias`);
    });
    for (const [index, expected] of Object.entries(c.preluGrads)) {
      expectAllClose(net.layers[Number(index)].gradAlpha as Float32Array, [expected], `layers[${index}].gradAlpha`);
    }
  });

  it('backward overwrites gradients instead of accumulating them', () => {
    const net = loadedNetwork(c);
    const { x, y, labels, batch, width } = batchOf(c);
    const dOutput = new Float32Array(batch * width);
    for (let pass = 0; pass < 2; pass++) {
      const out = net.forward(x, batch);
      LOSSES[c.loss].backward(out, y, labels, batch, width, dOutput);
      net.backward(x, dOutput, batch);
    }
    expectAllClose(net.layers[0].gradWeight, c.grads[0].weight.flat(), 'layers[0].gradWeight after two passes');
  });

  it.each(c.training.map((t) => [JSON.stringify(t.optimizer), t] as const))('five full-batch steps of %s', (_, t) => {
    const net = loadedNetwork(c);
    const { x, y, labels, batch, width } = batchOf(c);
    const optimizer = createOptimizer(optimizerSpecOf(t.optimizer), net.params());
    const dOutput = new Float32Array(batch * width);
    for (let step = 0; step < t.steps; step++) {
      const out = net.forward(x, batch);
      const loss = LOSSES[c.loss].forward(out, y, labels, batch, width);
      expectAllClose([loss], [t.lossesBeforeEachStep[step]], `loss before step ${step}`);
      LOSSES[c.loss].backward(out, y, labels, batch, width, dOutput);
      net.backward(x, dOutput, batch);
      optimizer.step();
    }
    const after = LOSSES[c.loss].forward(net.forward(x, batch), y, labels, batch, width);
    expectAllClose([after], [t.lossAfter], 'loss after the last step');
    const trained = net.getWeights();
    expect(t.weights).toHaveLength(trained.layers.length);
    expect(Object.keys(t.prelu).map(Number)).toEqual(preluLayers(c));
    t.weights.forEach((w, i) => {
      expectAllClose(trained.layers[i].weight.flat(), w.weight.flat(), `layers[${i}].weight`);
      expectAllClose(trained.layers[i].bias, w.bias, `layers[${i}].bias`);
    });
    for (const [index, alpha] of Object.entries(t.prelu)) {
      expectAllClose([trained.layers[Number(index)].alpha as number], [alpha], `layers[${index}].alpha`);
    }
  });
});
