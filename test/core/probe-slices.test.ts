import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/experiment/parse';
import type { Dataset } from '../../src/core/data/types';
import { loadDataset } from '../../src/core/data/load';
import { captureProbe } from '../../src/core/train/frame';
import { combineStats, createLayerStats, measureLayer, type LayerStats } from '../../src/core/train/layer-stats';
import { probeSliceCount, sliceRange, SLICE_MULTIPLY_ADDS } from '../../src/core/train/probe';
import { Trainer } from '../../src/core/train/trainer';

/** A 400-256-128-10 network on 600 random 400-pixel "images" of 10 classes: a probe pass dear enough to slice in three. */
function wideExperiment(probe: number) {
  const rows = 600;
  const x: number[][] = [];
  const y: number[] = [];
  let seed = 11;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < rows; i++) {
    x.push(Array.from({ length: 400 }, () => next() * 2 - 1));
    y.push(i % 10);
  }
  return parseExperiment({
    format: 'relu-lab/experiment@1',
    name: 'slices',
    seed: 5,
    data: { kind: 'inline', x, y, testFraction: 0 },
    network: {
      inputs: 400,
      layers: [
        { units: 256, activation: 'relu', init: 'he-normal', bias: -2 },
        { units: 128, activation: 'relu', init: 'he-normal' },
        { units: 10, activation: 'linear' },
      ],
      loss: 'softmax-cross-entropy',
    },
    weights: null,
    training: { optimizer: { kind: 'sgd', lr: 0.05 }, batchSize: 32, epochs: 100, steps: null, shuffle: true },
    monitor: { every: 10, probe, bins: 20 },
  });
}

async function trainer(probe: number): Promise<{ trainer: Trainer; dataset: Dataset }> {
  const experiment = wideExperiment(probe);
  const dataset = await loadDataset(experiment.data, experiment.network, experiment.seed);
  return { trainer: new Trainer(experiment, dataset), dataset };
}

/** What a frame and the records read of a layer's statistics. */
function summary(s: LayerStats) {
  return {
    samples: s.samples,
    positiveCount: Array.from(s.positiveCount),
    preMax: Array.from(s.preMax),
    inactiveFraction: s.inactiveFraction,
    zeroFraction: s.zeroFraction,
    deadCount: s.deadCount,
    preRange: { ...s.preRange },
    postRange: { ...s.postRange },
  };
}

describe('the probe set in slices', () => {
  it('is sliced where a whole pass is dear (MNIST 784-256-128-10 with 512 probe samples: four of 128), not for small networks', () => {
    const mnist = 784 * 256 + 256 * 128 + 128 * 10;
    expect(probeSliceCount(512, mnist)).toBe(4);
    expect(probeSliceCount(1024, 2 * 8 + 8 * 8 + 8 * 3)).toBe(1);
    // Never more slices than samples, nor more than every sample measured within 16 frames.
    expect(probeSliceCount(3, SLICE_MULTIPLY_ADDS)).toBe(3);
    expect(probeSliceCount(50_000, mnist)).toBe(16);
  });

  it('divides the samples into equal parts that cover each sample once', () => {
    for (const [n, slices] of [[512, 4], [1001, 4], [7, 7], [50_000, 16]]) {
      const seen = new Uint8Array(n);
      const sizes = new Set<number>();
      for (let j = 0; j < slices; j++) {
        const { start, end } = sliceRange(n, slices, j);
        sizes.add(end - start);
        for (let s = start; s < end; s++) seen[s]++;
      }
      expect(Array.from(seen).every((c) => c === 1)).toBe(true);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('combines slices into the same statistics, bit for bit, as one measurement of all their samples', () => {
    const units = 5;
    const samples = 37;
    const pre = Float32Array.from({ length: samples * units }, (_, i) => Math.sin(i * 1.7) * 3 - (i % units === 2 ? 10 : 0));
    pre[7] = -0;
    const post = pre.map((v) => Math.max(0, v));
    const whole = createLayerStats(units);
    measureLayer(whole, pre, post, samples);
    const parts = [0, 1, 2].map((j) => {
      const { start, end } = sliceRange(samples, 3, j);
      const part = createLayerStats(units);
      measureLayer(part, pre.subarray(start * units, end * units), post.subarray(start * units, end * units), end - start);
      return part;
    });
    const combined = createLayerStats(units);
    combineStats(combined, parts);
    expect(summary(combined)).toEqual(summary(whole));
    expect(whole.deadCount).toBe(1);
  });

  it('measures one slice a frame, in turn, its statistics still covering the whole probe set', async () => {
    const { trainer: t } = await trainer(480);
    expect(t.probeSlices).toBe(3);
    const whole = t.measureProbe();
    expect(whole).toEqual({ start: 0, samples: 480, slice: 0, slices: 1 });
    const full = t.layerStats.map(summary);
    // With the parameters unchanged, every slice measured again gives back the whole pass's per-unit views and fractions.
    const measured = [];
    for (let j = 0; j < t.probeSlices; j++) {
      const m = t.measureProbeSlice();
      measured.push(m);
      t.layerStats.forEach((s, l) => {
        const { preRange: _pre, postRange: _post, ...rest } = summary(s);
        const { preRange: _p, postRange: _q, ...fullRest } = full[l];
        expect(rest).toEqual(fullRest);
      });
    }
    expect(measured.map((m) => m.slice)).toEqual(Array.from({ length: t.probeSlices }, (_, j) => j));
    expect(measured.reduce((sum, m) => sum + m.samples, 0)).toBe(480);
    expect(measured.every((m) => m.slices === t.probeSlices && m.start === sliceRange(480, t.probeSlices, m.slice).start)).toBe(true);
  });

  it('gives a frame taken at a training step the histograms of its slice and the whole set’s counts, dead units included', async () => {
    const { trainer: t } = await trainer(480);
    captureProbe(t, 20, null);
    for (let step = 0; step < 30; step++) t.trainStep();
    const sliced = captureProbe(t, 20, { layer: 0, unit: 3 }, true);
    const { samples } = sliced.measured;
    expect(samples).toBeLessThan(480);
    let aliveElsewhere = 0;
    sliced.layers.forEach((layer, l) => {
      const units = t.network.layers[l].units;
      const pre = t.network.layers[l].pre;
      for (let u = 0; u < units; u++) {
        let inSlice = 0;
        for (let s = 0; s < samples; s++) inSlice += pre[s * units + u] > 0 ? 1 : 0;
        if (inSlice === 0 && t.layerStats[l].positiveCount[u] > 0) aliveElsewhere++;
      }
      const total = (h: { counts: Uint32Array }) => h.counts.reduce((a, b) => a + b, 0);
      expect(total(layer.preHist)).toBe(samples * units);
      expect(total(layer.postHist)).toBe(samples * units);
      // The dead mask and count cover all 480 samples: a unit the other slices saw positive is not dead.
      const positive = t.layerStats[l].positiveCount;
      expect(t.layerStats[l].samples).toBe(480);
      expect(Array.from(layer.deadMask)).toEqual(Array.from(positive, (c) => (c === 0 ? 1 : 0)));
      expect(layer.deadCount).toBe(layer.deadMask.reduce((a, b) => a + b, 0));
      expect(Array.from(layer.activationRate)).toEqual(Array.from(positive, (c) => Math.fround(c / 480)));
    });
    // Units never positive on this slice yet positive on another are the ones a slice alone would have called dead.
    expect(aliveElsewhere).toBeGreaterThan(0);
    expect(sliced.unit!.preHist.counts.reduce((a, b) => a + b, 0)).toBe(samples);
    // A frame not at a training step measures the whole set.
    const whole = captureProbe(t, 20, null);
    expect(whole.measured.samples).toBe(480);
    expect(whole.layers[0].preHist.counts.reduce((a, b) => a + b, 0)).toBe(480 * 256);
  });
});
