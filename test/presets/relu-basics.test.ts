import { describe, expect, it } from 'vitest';
import { Trainer } from '../../src/core/train/trainer';
import { dataFor, readPreset, train } from './presets';

describe('preset relu-basics: ReLU in one picture', () => {
  const e = readPreset('relu-basics');

  it('starts with the hidden unit computing exactly max(0, x) of the input', async () => {
    const trainer = new Trainer(e, await dataFor(e));
    trainer.measureProbe();
    const { x, n } = trainer.probe;
    const hidden = trainer.network.layers[0];
    expect(n).toBe(25);
    for (let i = 0; i < n; i++) {
      expect(hidden.pre[i]).toBe(x[i]);
      expect(hidden.post[i]).toBe(Math.max(0, x[i]));
    }
    // 12 of the 25 inputs are negative and x = 0 is inactive too (PyTorch's relu'(0) = 0).
    expect(trainer.layerStats[0].zeroFraction).toBeCloseTo(13 / 25, 6);
  });

  it('passes gradient 1 for positive inputs and 0 for the others', async () => {
    const trainer = new Trainer(e, await dataFor(e));
    const net = trainer.network;
    const { x, n } = trainer.probe;
    net.forward(x, n);
    const upstream = new Float32Array(n).fill(1);
    net.backward(x, upstream, n);
    const outputWeight = net.layers[1].weight[0];
    for (let i = 0; i < n; i++) {
      expect(net.layers[0].gradPre[i] / outputWeight).toBe(x[i] > 0 ? 1 : 0);
    }
  });

  it('learns the target y = max(0, x) from the positive side only, whatever the seed', async () => {
    for (let seed = e.seed; seed < e.seed + 4; seed++) {
      const { records, summary } = await train({ ...e, seed });
      expect(records[0].loss).toBeGreaterThan(0.1);
      expect(summary.final.loss).toBeLessThan(1e-3);
    }
  });
});
