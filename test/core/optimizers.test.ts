import { describe, expect, it } from 'vitest';
import type { Param } from '../../src/core/nn/network';
import { createOptimizer } from '../../src/core/optim/index';

/** One parameter [1, −2] with a gradient that is set before each step. */
function param(): Param {
  return { name: 'p', value: Float32Array.of(1, -2), grad: new Float32Array(2) };
}

describe('optimizers (hand-computed PyTorch updates)', () => {
  it('sgd: p −= lr·(g + wd·p)', () => {
    const p = param();
    const opt = createOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0.5 }, [p]);
    p.grad.set([1, 1]);
    opt.step();
    expect(p.value[0]).toBeCloseTo(1 - 0.1 * (1 + 0.5), 6);
    expect(p.value[1]).toBeCloseTo(-2 - 0.1 * (1 - 1), 6);
  });

  it('sgd momentum: the buffer starts as the first gradient, then buf = m·buf + g', () => {
    const p = param();
    const opt = createOptimizer({ kind: 'sgd', lr: 1, momentum: 0.9, nesterov: false, weightDecay: 0 }, [p]);
    p.grad.set([1, 0]);
    opt.step(); // buf = 1
    opt.step(); // buf = 0.9 + 1
    expect(p.value[0]).toBeCloseTo(1 - 1 - 1.9, 6);
  });

  it('sgd nesterov: steps along g + m·buf', () => {
    const p = param();
    const opt = createOptimizer({ kind: 'sgd', lr: 1, momentum: 0.5, nesterov: true, weightDecay: 0 }, [p]);
    p.grad.set([1, 0]);
    opt.step(); // buf = 1, step 1.5
    opt.step(); // buf = 1.5, step 1.75
    expect(p.value[0]).toBeCloseTo(1 - 1.5 - 1.75, 6);
  });

  it('adam: the first step moves every coordinate by about lr, whatever the gradient scale', () => {
    const p = param();
    const opt = createOptimizer({ kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }, [p]);
    p.grad.set([1000, -0.001]);
    opt.step();
    expect(p.value[0]).toBeCloseTo(1 - 0.01, 6);
    expect(p.value[1]).toBeCloseTo(-2 + 0.01, 5);
  });

  it('adamw decays the parameter itself; adam adds the decay to the gradient', () => {
    const a = param();
    const w = param();
    const adam = createOptimizer({ kind: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.5 }, [a]);
    const adamw = createOptimizer({ kind: 'adamw', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.5 }, [w]);
    adam.step(); // grad 0: g = wd·p, a sign step of lr
    adamw.step(); // grad 0: only p·(1 − lr·wd)
    expect(a.value[0]).toBeCloseTo(1 - 0.1, 5);
    expect(w.value[0]).toBeCloseTo(1 * (1 - 0.1 * 0.5), 6);
    expect(w.value[1]).toBeCloseTo(-2 * (1 - 0.1 * 0.5), 6);
  });

  it('rmsprop: p −= lr·g / (√sq + eps) with sq = ρ·sq + (1 − ρ)·g²', () => {
    const p = param();
    const opt = createOptimizer({ kind: 'rmsprop', lr: 0.01, rho: 0.99, eps: 1e-8, weightDecay: 0 }, [p]);
    p.grad.set([2, 0]);
    opt.step();
    expect(p.value[0]).toBeCloseTo(1 - (0.01 * 2) / Math.sqrt(0.01 * 4), 6);
    expect(p.value[1]).toBe(-2);
  });

  it('takes a new learning rate live, between steps', () => {
    const p = param();
    const opt = createOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 }, [p]);
    p.grad.set([1, 1]);
    opt.lr = 0;
    opt.step();
    expect(Array.from(p.value)).toEqual([1, -2]);
    opt.lr = 1;
    opt.step();
    expect(Array.from(p.value)).toEqual([0, -3]);
    expect(opt.kind).toBe('sgd');
  });
});
