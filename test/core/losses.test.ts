import { describe, expect, it } from 'vitest';
import { countCorrect, lossBackward, lossForward } from '../../src/core/nn/losses';

describe('softmax-cross-entropy', () => {
  it('is the mean negative log-softmax of the labelled class', () => {
    const logits = Float32Array.of(1, 2, 3, 0, 0, 0);
    const labels = Int32Array.of(2, 0);
    const row0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
    const row1 = Math.log(3);
    expect(lossForward('softmax-cross-entropy', logits, new Float32Array(6), labels, 2, 3)).toBeCloseTo((row0 + row1) / 2, 6);
  });

  it('stays finite for huge logits (log-sum-exp)', () => {
    const logits = Float32Array.of(1000, -1000, 0);
    const loss = lossForward('softmax-cross-entropy', logits, new Float32Array(3), Int32Array.of(1), 1, 3);
    expect(loss).toBeCloseTo(2000, 3);
    const d = new Float32Array(3);
    lossBackward('softmax-cross-entropy', logits, new Float32Array(3), Int32Array.of(1), 1, 3, d);
    expect(Array.from(d)).toEqual([1, -1, 0]);
  });

  it('has gradient (softmax − onehot) / batch', () => {
    const d = new Float32Array(4);
    lossBackward('softmax-cross-entropy', Float32Array.of(0, 0, 0, 0), new Float32Array(4), Int32Array.of(0, 1), 2, 2, d);
    expect(Array.from(d)).toEqual([-0.25, 0.25, 0.25, -0.25]);
  });

  it('needs labels', () => {
    expect(() => lossForward('softmax-cross-entropy', new Float32Array(2), new Float32Array(2), null, 1, 2)).toThrow(/labels/);
  });

  it('counts argmax hits, first maximum on ties', () => {
    const logits = Float32Array.of(0.1, 0.9, 5, 5, 2, 1);
    expect(countCorrect('softmax-cross-entropy', logits, new Float32Array(6), Int32Array.of(1, 0, 1), 3, 2)).toBe(2);
    // Without labels the one-hot targets are used.
    const y = Float32Array.of(0, 1, 1, 0, 0, 1);
    expect(countCorrect('softmax-cross-entropy', logits, y, null, 3, 2)).toBe(2);
  });
});

describe('mse', () => {
  it('averages over batch and outputs like nn.MSELoss', () => {
    const out = Float32Array.of(1, 2, 3, 4);
    const y = Float32Array.of(0, 0, 0, 0);
    expect(lossForward('mse', out, y, null, 2, 2)).toBeCloseTo((1 + 4 + 9 + 16) / 4, 10);
    const d = new Float32Array(4);
    lossBackward('mse', out, y, null, 2, 2, d);
    expect(Array.from(d)).toEqual([0.5, 1, 1.5, 2]);
  });

  it('has no accuracy', () => {
    expect(countCorrect('mse', new Float32Array(1), new Float32Array(1), null, 1, 1)).toBeNaN();
  });
});

describe('sigmoid-bce (BCEWithLogits)', () => {
  it('matches −[t·log σ(z) + (1 − t)·log(1 − σ(z))] averaged over elements', () => {
    const z = Float32Array.of(0.5, -1, 2, 0);
    const t = Float32Array.of(1, 0, 0, 0.3);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    let expected = 0;
    for (let i = 0; i < 4; i++) expected -= t[i] * Math.log(sig(z[i])) + (1 - t[i]) * Math.log(1 - sig(z[i]));
    expect(lossForward('sigmoid-bce', z, t, null, 2, 2)).toBeCloseTo(expected / 4, 6);
  });

  it('stays finite and exact for saturated logits', () => {
    const z = Float32Array.of(200, -200);
    const t = Float32Array.of(0, 1);
    expect(lossForward('sigmoid-bce', z, t, null, 1, 2)).toBeCloseTo(200, 4);
    const d = new Float32Array(2);
    lossBackward('sigmoid-bce', z, t, null, 1, 2, d);
    expect(Array.from(d)).toEqual([0.5, -0.5]);
  });

  it('counts each output element: logit > 0 against target > 0.5', () => {
    const z = Float32Array.of(1, -1, 0.2, -3);
    const t = Float32Array.of(1, 0, 0, 1);
    expect(countCorrect('sigmoid-bce', z, t, null, 2, 2)).toBe(2);
  });
});
