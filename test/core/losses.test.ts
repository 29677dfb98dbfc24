import { describe, expect, it } from 'vitest';
import { LOSSES, lossFitting } from '../../src/core/nn/losses';

describe('softmax-cross-entropy', () => {
  it('is the mean negative log-softmax of the labelled class', () => {
    const logits = Float32Array.of(1, 2, 3, 0, 0, 0);
    const labels = Int32Array.of(2, 0);
    const row0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
    const row1 = Math.log(3);
    expect(LOSSES['softmax-cross-entropy'].forward(logits, new Float32Array(6), labels, 2, 3)).toBeCloseTo((row0 + row1) / 2, 6);
  });

  it('stays finite for huge logits (log-sum-exp)', () => {
    const logits = Float32Array.of(1000, -1000, 0);
    const loss = LOSSES['softmax-cross-entropy'].forward(logits, new Float32Array(3), Int32Array.of(1), 1, 3);
    expect(loss).toBeCloseTo(2000, 3);
    const d = new Float32Array(3);
    LOSSES['softmax-cross-entropy'].backward(logits, new Float32Array(3), Int32Array.of(1), 1, 3, d);
    expect(Array.from(d)).toEqual([1, -1, 0]);
  });

  it('has gradient (softmax − onehot) / batch', () => {
    const d = new Float32Array(4);
    LOSSES['softmax-cross-entropy'].backward(Float32Array.of(0, 0, 0, 0), new Float32Array(4), Int32Array.of(0, 1), 2, 2, d);
    expect(Array.from(d)).toEqual([-0.25, 0.25, 0.25, -0.25]);
  });

  it('needs labels', () => {
    expect(() => LOSSES['softmax-cross-entropy'].forward(new Float32Array(2), new Float32Array(2), null, 1, 2)).toThrow(/labels/);
  });

  it('counts argmax hits, first maximum on ties', () => {
    const logits = Float32Array.of(0.1, 0.9, 5, 5, 2, 1);
    expect(LOSSES['softmax-cross-entropy'].accuracy!.correct(logits, new Float32Array(6), Int32Array.of(1, 0, 1), 3, 2)).toBe(2);
    // Without labels the one-hot targets are used.
    const y = Float32Array.of(0, 1, 1, 0, 0, 1);
    expect(LOSSES['softmax-cross-entropy'].accuracy!.correct(logits, y, null, 3, 2)).toBe(2);
  });
});

describe('mse', () => {
  it('averages over batch and outputs like nn.MSELoss', () => {
    const out = Float32Array.of(1, 2, 3, 4);
    const y = Float32Array.of(0, 0, 0, 0);
    expect(LOSSES.mse.forward(out, y, null, 2, 2)).toBeCloseTo((1 + 4 + 9 + 16) / 4, 10);
    const d = new Float32Array(4);
    LOSSES.mse.backward(out, y, null, 2, 2, d);
    expect(Array.from(d)).toEqual([0.5, 1, 1.5, 2]);
  });

  it('has no accuracy', () => {
    expect(LOSSES.mse.accuracy).toBeNull();
  });
});

describe('sigmoid-bce (BCEWithLogits)', () => {
  it('matches −[t·log σ(z) + (1 − t)·log(1 − σ(z))] averaged over elements', () => {
    const z = Float32Array.of(0.5, -1, 2, 0);
    const t = Float32Array.of(1, 0, 0, 0.3);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    let expected = 0;
    for (let i = 0; i < 4; i++) expected -= t[i] * Math.log(sig(z[i])) + (1 - t[i]) * Math.log(1 - sig(z[i]));
    expect(LOSSES['sigmoid-bce'].forward(z, t, null, 2, 2)).toBeCloseTo(expected / 4, 6);
  });

  it('stays finite and exact for saturated logits', () => {
    const z = Float32Array.of(200, -200);
    const t = Float32Array.of(0, 1);
    expect(LOSSES['sigmoid-bce'].forward(z, t, null, 1, 2)).toBeCloseTo(200, 4);
    const d = new Float32Array(2);
    LOSSES['sigmoid-bce'].backward(z, t, null, 1, 2, d);
    expect(Array.from(d)).toEqual([0.5, -0.5]);
  });

  it('counts each output element: logit > 0 against target > 0.5', () => {
    const z = Float32Array.of(1, -1, 0.2, -3);
    const t = Float32Array.of(1, 0, 0, 1);
    expect(LOSSES['sigmoid-bce'].accuracy!.correct(z, t, null, 2, 2)).toBe(2);
  });
});

describe('accuracy and predictions', () => {
  it('counts per sample for softmax-cross-entropy and per output element for sigmoid-bce', () => {
    expect(LOSSES['softmax-cross-entropy'].accuracy!.outOf(8, 3)).toBe(8);
    expect(LOSSES['sigmoid-bce'].accuracy!.outOf(8, 3)).toBe(24);
  });

  it('shows a boundary point as the argmax class, the logit’s side, or the value', () => {
    const out = Float32Array.of(0.2, 3, 3, -0.5);
    expect(LOSSES['softmax-cross-entropy'].predict(out, 0, 4)).toBe(1);
    expect(LOSSES['sigmoid-bce'].predict(out, 3, 1)).toBe(0);
    expect(LOSSES['sigmoid-bce'].predict(out, 0, 1)).toBe(1);
    expect(LOSSES.mse.predict(out, 3, 1)).toBe(-0.5);
  });
});

describe('which data each loss fits', () => {
  const classes = (n: number) => ({ name: 'spiral', classes: n, targetWidth: 0 });
  const targets = (width: number, allowsBce = false) => ({ name: 'sine', classes: 0, targetWidth: width, allowsBce });

  it('gives the output layer it needs, and why', () => {
    expect(LOSSES['softmax-cross-entropy'].fit(classes(3))).toEqual({ units: 3, because: 'the data set has 3 classes' });
    expect(LOSSES['sigmoid-bce'].fit(classes(2))).toEqual({ units: 1, because: 'sigmoid-bce on 2 classes needs 1' });
    expect(LOSSES.mse.fit(targets(1))).toEqual({ units: 1, because: 'the data set has 1 target' });
    expect(LOSSES['sigmoid-bce'].fit(targets(2, true))).toEqual({ units: 2, because: 'the data set has 2 targets' });
  });

  it('says why it does not fit', () => {
    expect(LOSSES.mse.fit(classes(3))).toEqual({ refusal: 'spiral data is a classification set (3 classes): expected softmax-cross-entropy (or sigmoid-bce for 2 classes), got mse' });
    expect(LOSSES['sigmoid-bce'].fit(classes(3))).toEqual({ refusal: 'sigmoid-bce needs 2 classes but the data set has 3 (use softmax-cross-entropy)' });
    expect(LOSSES['softmax-cross-entropy'].fit(targets(1))).toEqual({ refusal: 'sine data is a regression set: expected mse, got softmax-cross-entropy' });
    expect(LOSSES['sigmoid-bce'].fit(targets(1))).toEqual({ refusal: 'sine data is a regression set: expected mse, got sigmoid-bce' });
  });

  it('keeps a loss that fits new data, else takes the first that does', () => {
    expect(lossFitting('sigmoid-bce', classes(2))).toBe('sigmoid-bce');
    expect(lossFitting('sigmoid-bce', classes(3))).toBe('softmax-cross-entropy');
    expect(lossFitting('mse', classes(10))).toBe('softmax-cross-entropy');
    expect(lossFitting('softmax-cross-entropy', targets(1))).toBe('mse');
    expect(lossFitting('sigmoid-bce', targets(1, true))).toBe('sigmoid-bce');
  });
});
