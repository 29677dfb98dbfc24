import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { ValidationError } from '../../src/core/experiment/errors';
import type { InlineDataSpec, LossKind, NetworkSpec } from '../../src/core/experiment/types';

function net(inputs: number, outputs: number, loss: LossKind): NetworkSpec {
  return { inputs, layers: [{ units: outputs, activation: { kind: 'linear' }, init: 'zeros', bias: null }], loss };
}

const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];

async function errorOf(spec: InlineDataSpec, network: NetworkSpec): Promise<string> {
  try {
    await loadDataset(spec, network, 1);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).kind).toBe('data');
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('inline data', () => {
  it('class indices for softmax-cross-entropy, classes from the output layer', async () => {
    const d = await loadDataset({ kind: 'inline', x: XOR_X, y: [0, 1, 1, 0], testFraction: 0 }, net(2, 2, 'softmax-cross-entropy'), 1);
    expect(d).toMatchObject({ inputs: 2, classes: 2, targetWidth: 2 });
    expect(d.train.n).toBe(4);
    expect(d.test.n).toBe(0);
    for (let r = 0; r < 4; r++) {
      const [a, b] = [d.train.x[2 * r], d.train.x[2 * r + 1]];
      expect(d.train.labels![r]).toBe(a === b ? 0 : 1);
      expect(d.train.y[2 * r + d.train.labels![r]]).toBe(1);
    }
  });

  it('target rows for mse', async () => {
    const d = await loadDataset({ kind: 'inline', x: [[1], [2], [3]], y: [[2, -1], [4, -2], [6, -3]], testFraction: 0 }, net(1, 2, 'mse'), 1);
    expect(d).toMatchObject({ classes: 0, targetWidth: 2 });
    for (let r = 0; r < 3; r++) expect(d.train.y[2 * r]).toBe(2 * d.train.x[r]);
  });

  it('0/1 targets for sigmoid-bce are two classes', async () => {
    const d = await loadDataset({ kind: 'inline', x: XOR_X, y: [[0], [1], [1], [0]], testFraction: 0 }, net(2, 1, 'sigmoid-bce'), 1);
    expect(d).toMatchObject({ classes: 2, targetWidth: 1 });
    expect(Array.from(d.train.labels!)).toEqual(Array.from(d.train.y));
  });

  it('refuses ragged rows, a y of another length, classes out of range', async () => {
    const sce = net(2, 2, 'softmax-cross-entropy');
    expect(await errorOf({ kind: 'inline', x: [[0, 0], [1]], y: [0, 1], testFraction: 0 }, sce)).toBe('data.x[1]: expected 2 numbers (like data.x[0]), got 1');
    const x40 = Array.from({ length: 40 }, (_, i) => [i, -i]);
    const y39 = Array.from({ length: 39 }, (_, i) => i % 2);
    expect(await errorOf({ kind: 'inline', x: x40, y: y39, testFraction: 0 }, sce)).toBe('data.y: expected 40 entries (one per row of data.x), got 39');
    expect(await errorOf({ kind: 'inline', x: XOR_X, y: [0, 1, 2, 0], testFraction: 0 }, sce)).toBe(
      'data.y[2]: expected a class index in [0, 1] (the output layer has 2 units), got 2',
    );
  });

  it('refuses targets of the wrong width or outside [0, 1] for sigmoid-bce', async () => {
    expect(await errorOf({ kind: 'inline', x: [[1], [2]], y: [[1], [2, 3]], testFraction: 0 }, net(1, 1, 'mse'))).toBe(
      'data.y[1]: expected 1 numbers (one per output unit), got 2',
    );
    expect(await errorOf({ kind: 'inline', x: [[1], [2]], y: [0, 1], testFraction: 0 }, net(1, 1, 'mse'))).toBe(
      'data.y[0]: expected a row of 1 target numbers for mse (one per output unit), got 0',
    );
    expect(await errorOf({ kind: 'inline', x: [[1], [2]], y: [[0.5], [1.5]], testFraction: 0 }, net(1, 1, 'sigmoid-bce'))).toBe(
      'data.y[1][0]: expected a target in [0, 1] for sigmoid-bce, got 1.5',
    );
  });

  it('checks the input width', async () => {
    expect(await errorOf({ kind: 'inline', x: XOR_X, y: [0, 1, 1, 0], testFraction: 0 }, net(3, 2, 'softmax-cross-entropy'))).toBe(
      'network.inputs: expected 2 for inline data, got 3',
    );
  });
});
