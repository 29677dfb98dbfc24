import { describe, expect, it } from 'vitest';
import { ACTIVATION_KINDS, WEIGHTS_FORMAT } from '../../src/core/experiment/types';
import type { ActivationKind, LossKind, NetworkSpec } from '../../src/core/experiment/types';
import { activate, activateBackward, resolveActivation } from '../../src/core/nn/activations';
import { LOSSES } from '../../src/core/nn/losses';
import { Network } from '../../src/core/nn/network';
import { Rng } from '../../src/core/random/rng';

/**
 * Analytic derivatives against central differences. The element-wise
 * functions only index their arrays, so handing them Float64Arrays runs the
 * same code in float64, where a step of 1e-5 gives differences accurate to
 * ~1e-9 and the check can be tight.
 */
const f64 = (values: number[]): Float32Array => Float64Array.from(values) as unknown as Float32Array;
const H = 1e-5;

// Away from every kink (0 for the relu family, 6 for relu6) by more than H.
const POINTS = [-7.3, -3.1, -1.7, -0.9, -0.31, -0.02, 0.013, 0.27, 0.8, 1.6, 2.9, 5.5, 6.4, 11, 23];
const UPSTREAM = POINTS.map((_, i) => 0.3 + 0.1 * i * (i % 2 ? -1 : 1));

function weightedOutput(kind: ActivationKind, alpha: number, x: number[]): number {
  const post = f64(x.map(() => 0));
  activate(kind, alpha, f64(x), post, x.length);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += UPSTREAM[i] * post[i];
  return sum;
}

function expectClose(analytic: number, numeric: number, what: string): void {
  if (Math.abs(analytic - numeric) > 1e-6 + 1e-6 * Math.abs(numeric)) {
    expect.fail(`${what}: analytic ${analytic}, central difference ${numeric}`);
  }
}

describe('activation derivatives match central differences', () => {
  it.each(ACTIVATION_KINDS.map((k) => [k]))('%s', (kind) => {
    const { alpha } = resolveActivation({ kind, alpha: kind === 'prelu' ? 0.3 : undefined });
    const n = POINTS.length;
    const pre = f64(POINTS);
    const post = f64(POINTS.map(() => 0));
    const gradPre = f64(POINTS.map(() => 0));
    activate(kind, alpha, pre, post, n);
    const gradAlpha = activateBackward(kind, alpha, pre, post, f64(UPSTREAM), gradPre, n);

    for (let i = 0; i < n; i++) {
      const plus = POINTS.slice(); plus[i] += H;
      const minus = POINTS.slice(); minus[i] -= H;
      const numeric = (weightedOutput(kind, alpha, plus) - weightedOutput(kind, alpha, minus)) / (2 * H);
      expectClose(gradPre[i], numeric, `${kind}'(${POINTS[i]})`);
    }
    const numericAlpha = kind === 'prelu'
      ? (weightedOutput(kind, alpha + H, POINTS) - weightedOutput(kind, alpha - H, POINTS)) / (2 * H)
      : 0;
    expectClose(gradAlpha, numericAlpha, `${kind} d/dalpha`);
  });
});

describe('loss gradients match central differences', () => {
  const batch = 3;
  const width = 4;
  const outputs = [0.3, -1.2, 2.2, 0.1, -0.4, 0.9, 0.05, -2.5, 1.7, 1.1, -0.6, 0.2];
  const cases: [LossKind, number[], Int32Array | null][] = [
    ['softmax-cross-entropy', outputs.map(() => 0), Int32Array.of(2, 0, 3)],
    ['mse', outputs.map((_, i) => Math.sin(i)), null],
    ['sigmoid-bce', outputs.map((_, i) => (i % 3) / 2), null],
  ];
  it.each(cases)('%s', (kind, targets, labels) => {
    const y = f64(targets);
    const d = f64(outputs.map(() => 0));
    LOSSES[kind].backward(f64(outputs), y, labels, batch, width, d);
    for (let i = 0; i < outputs.length; i++) {
      const plus = outputs.slice(); plus[i] += H;
      const minus = outputs.slice(); minus[i] -= H;
      const numeric = (LOSSES[kind].forward(f64(plus), y, labels, batch, width) - LOSSES[kind].forward(f64(minus), y, labels, batch, width)) / (2 * H);
      expectClose(d[i], numeric, `${kind} dLoss/dOutput[${i}]`);
    }
  });
});

describe('network gradients match central differences (float32, so a looser check)', () => {
  // Smooth activations and a prelu slope: the chain rule through every layer type of backward().
  const spec: NetworkSpec = {
    inputs: 3,
    layers: [
      { units: 5, activation: { kind: 'tanh' }, init: 'xavier-normal', bias: null },
      { units: 4, activation: { kind: 'prelu', alpha: 0.2 }, init: 'he-normal', bias: 0.1 },
      { units: 4, activation: { kind: 'softplus' }, init: 'he-normal', bias: null },
      { units: 3, activation: { kind: 'linear' }, init: 'xavier-normal', bias: null },
    ],
    loss: 'softmax-cross-entropy',
  };
  const batch = 6;
  const rng = new Rng(11);
  const x = Float32Array.from({ length: batch * 3 }, () => rng.uniform(-2, 2));
  const labels = Int32Array.from({ length: batch }, (_, i) => i % 3);
  const y = new Float32Array(batch * 3);

  it('for every parameter of every layer', () => {
    const net = new Network(spec, batch);
    net.initialize(new Rng(3));
    const loss = (): number => LOSSES['softmax-cross-entropy'].forward(net.forward(x, batch), y, labels, batch, 3);
    const d = new Float32Array(batch * 3);
    LOSSES['softmax-cross-entropy'].backward(net.forward(x, batch), y, labels, batch, 3, d);
    net.backward(x, d, batch);
    // The prelu layer sees negative inputs, or its slope gradient would be trivially 0.
    expect(Array.from(net.layers[1].pre.subarray(0, batch * 4)).some((v) => v < 0)).toBe(true);

    const h = 1e-2;
    for (const param of net.params()) {
      const analytic = Float32Array.from(param.grad);
      for (let i = 0; i < param.value.length; i++) {
        const saved = param.value[i];
        param.value[i] = saved + h;
        const up = loss();
        param.value[i] = saved - h;
        const down = loss();
        param.value[i] = saved;
        const numeric = (up - down) / (2 * h);
        if (Math.abs(analytic[i] - numeric) > 2e-4 + 2e-2 * Math.abs(numeric)) {
          expect.fail(`${param.name}[${i}]: analytic ${analytic[i]}, central difference ${numeric}`);
        }
      }
    }
    expect(net.params().map((p) => p.name)).toContain('layers.1.alpha');
    expect(net.getWeights().format).toBe(WEIGHTS_FORMAT);
  });
});
