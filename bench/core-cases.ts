// ReLU Lab's side of the benchmark: each case as a closure over a network
// and buffers built once, so the timed call does only the work being measured.
import type { NetworkSpec } from '../src/core/experiment/types';
import type { Kernels } from '../src/core/kernels/types';
import { LOSSES } from '../src/core/nn/losses';
import { Network, type LayerHook } from '../src/core/nn/network';
import { createOptimizer } from '../src/core/optim/index';
import { Rng } from '../src/core/random/rng';
import { histogram } from '../src/core/train/histogram';
import { createLayerStats, l2norm, measureLayer } from '../src/core/train/layer-stats';
import { BINS, type BenchCase } from './cases';

export { plainKernels } from '../src/core/kernels/plain';

function reluSpec(sizes: number[]): NetworkSpec {
  return {
    inputs: sizes[0],
    layers: sizes.slice(1).map((units, i) => ({
      units,
      activation: { kind: i === sizes.length - 2 ? 'linear' : 'relu' },
      init: 'he-normal',
      bias: null,
    })),
    loss: 'softmax-cross-entropy',
  };
}

/** Uniform [0, 1) inputs (the scale of MNIST pixels) and random class labels; x where the trainer keeps its batch and probe set, in the kernels' memory. */
function randomBatch(rng: Rng, n: number, inputs: number, classes: number, kernels: Kernels): { x: Float32Array; labels: Int32Array } {
  const x = kernels.alloc?.(n * inputs) ?? new Float32Array(n * inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.int(classes);
  return { x, labels };
}

/** One iteration of `c` on our core with `kernels`; the returned function allocates nothing. */
export function coreCase(c: BenchCase, kernels: Kernels): () => void {
  const rng = new Rng(7);
  const net = new Network(reluSpec(c.sizes), c.batch, kernels);
  net.initialize(rng);
  const classes = net.outputs;
  const { x, labels } = randomBatch(rng, c.batch, c.sizes[0], classes, kernels);
  if (!c.train) return () => void net.forward(x, c.batch);

  const y = new Float32Array(0);
  const dOutput = new Float32Array(c.batch * classes);
  const optimizer = createOptimizer({ kind: 'sgd', lr: 0.01, momentum: 0, nesterov: false, weightDecay: 0 }, net.params(), kernels);
  const trainStep = (afterForward?: LayerHook, afterBackward?: LayerHook): void => {
    const out = net.forward(x, c.batch, afterForward);
    LOSSES['softmax-cross-entropy'].forward(out, y, labels, c.batch, classes);
    LOSSES['softmax-cross-entropy'].backward(out, y, labels, c.batch, classes, dOutput);
    // With the instruments, the ReLU backward also finds dLoss/dPre's range for its histogram.
    net.backward(x, dOutput, c.batch, afterBackward, afterBackward !== undefined);
    optimizer.step();
  };
  if (!c.instruments) return () => trainStep();

  // Every statistic, at every step, on the training batch's own buffers,
  // each as soon as a pass is done with its layer (issue 7: the instruments
  // reuse the forward pass; the app's probe-set pass runs on a schedule,
  // see Session): per-unit activation counts and largest pre-activation,
  // inactive/zero fraction, histograms of pre- and post-activations and of
  // dLoss/dPre, gradient and weight norms.
  const hidden = net.layers.slice(0, -1);
  const stats = hidden.map((l) => createLayerStats(l.units));
  // Counts reused step after step, like every other buffer of a step.
  const counts = hidden.map(() => [new Uint32Array(BINS), new Uint32Array(BINS), new Uint32Array(BINS)]);
  let sink = 0;
  const afterForward = (l: number): void => {
    if (l >= hidden.length) return;
    const layer = hidden[l];
    const values = c.batch * layer.units;
    measureLayer(stats[l], layer.pre, layer.post, c.batch, kernels);
    sink += histogram(layer.pre, values, BINS, stats[l].preRange, kernels, counts[l][0]).max;
    sink += histogram(layer.post, values, BINS, stats[l].postRange, kernels, counts[l][1]).max;
  };
  const afterBackward = (l: number): void => {
    if (l >= hidden.length) return;
    const layer = hidden[l];
    sink += histogram(layer.gradPre, c.batch * layer.units, BINS, layer.gradPreRange ?? undefined, kernels, counts[l][2]).max;
    sink += l2norm(layer.gradWeight, layer.gradWeight.length, kernels);
  };
  return () => {
    trainStep(afterForward, afterBackward);
    for (const layer of hidden) sink += l2norm(layer.weight, layer.weight.length, kernels);
    if (sink === -1) console.log(sink);
  };
}
