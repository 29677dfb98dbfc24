// TensorFlow.js 4.22's side of the benchmark: the same cases written the way
// a tfjs user would (tf.matMul/tf.relu/tf.losses.softmaxCrossEntropy,
// tf.variableGrads, a manual SGD update, all inside tf.tidy), on its cpu and
// wasm backends.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { histogram } from '../src/core/train/histogram';
import { BINS, type BenchCase } from './cases';

export type TfBackend = 'cpu' | 'wasm';

/** Selects a backend; for wasm, points it at the .wasm files in node_modules (a file path: Node has no fetch for file URLs). */
export async function useTfBackend(backend: TfBackend): Promise<string> {
  // Production mode, as an app would ship: no debug checks, no console advice.
  tf.env().set('PROD', true);
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    setWasmPaths(join(dist, 'dist') + '/');
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialize`);
  await tf.ready();
  const simd = backend === 'wasm' ? `, simd ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))}` : '';
  return `tfjs ${tf.version_core} ${tf.getBackend()}${simd}`;
}

interface Dense {
  w: tf.Variable; // inputs × units: tfjs's natural layout for x·W
  b: tf.Variable;
}

/** One iteration of `c` on the current tfjs backend, plus a disposer for its tensors. */
export function tfjsCase(c: BenchCase): { run: () => void; dispose: () => void } {
  const layers: Dense[] = [];
  for (let l = 1; l < c.sizes.length; l++) {
    const [inputs, units] = [c.sizes[l - 1], c.sizes[l]];
    layers.push({
      w: tf.variable(tf.randomNormal([inputs, units], 0, Math.sqrt(2 / inputs), 'float32', 7 + l)),
      b: tf.variable(tf.zeros([units])),
    });
  }
  const classes = c.sizes[c.sizes.length - 1];
  const x = tf.randomUniform([c.batch, c.sizes[0]], 0, 1, 'float32', 1);
  const labels = tf.oneHot(tf.randomUniform([c.batch], 0, classes, 'int32', 2), classes);
  const vars = layers.flatMap((d) => [d.w, d.b]);
  const lr = tf.scalar(0.01);

  /** Pre-activations and activations of every layer. */
  const forward = (input: tf.Tensor2D): { pre: tf.Tensor2D[]; post: tf.Tensor2D[] } => {
    const pre: tf.Tensor2D[] = [];
    const post: tf.Tensor2D[] = [];
    let h = input;
    layers.forEach((d, l) => {
      const z = tf.add(tf.matMul(h, d.w), d.b) as tf.Tensor2D;
      h = l === layers.length - 1 ? z : tf.relu(z);
      pre.push(z);
      post.push(h);
    });
    return { pre, post };
  };

  const trainStep = (withInstruments: boolean): void => {
    const { value, grads } = tf.variableGrads(() => {
      const seen = forward(x as tf.Tensor2D);
      // Inside: the forward pass's tensors are disposed when it returns.
      if (withInstruments) batchInstruments(seen);
      return tf.losses.softmaxCrossEntropy(labels, seen.post[seen.post.length - 1]) as tf.Scalar;
    }, vars);
    if (withInstruments) gradientInstruments(grads);
    for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], lr)));
    if (withInstruments) for (let l = 0; l < layers.length - 1; l++) tf.norm(layers[l].w).dataSync();
    value.dataSync();
  };

  // The instruments as a tfjs app would take them, on the training batch's
  // own tensors like ours: counts, largest values, fractions and norms with
  // tensor ops, histograms binned in JS on the downloaded values (tfjs has
  // no histogram op on every backend). tf.variableGrads gives no gradient
  // of an intermediate tensor, so the gradient histogram is of dLoss/dW
  // (200k values for layer 1) instead of dLoss/dPre (16k): more work than ours.
  const batchInstruments = ({ pre, post }: { pre: tf.Tensor2D[]; post: tf.Tensor2D[] }): void => {
    for (let l = 0; l < layers.length - 1; l++) {
      tf.sum(tf.greater(pre[l], 0), 0).dataSync();
      tf.max(pre[l], 0).dataSync();
      tf.sum(tf.equal(post[l], 0)).dataSync();
      const p = pre[l].dataSync() as Float32Array;
      const q = post[l].dataSync() as Float32Array;
      histogram(p, p.length, BINS);
      histogram(q, q.length, BINS);
    }
  };

  const gradientInstruments = (grads: tf.NamedTensorMap): void => {
    for (let l = 0; l < layers.length - 1; l++) {
      const g = grads[layers[l].w.name];
      const values = g.dataSync() as Float32Array;
      histogram(values, values.length, BINS);
      tf.norm(g).dataSync();
    }
  };

  let run: () => void;
  if (!c.train) run = () => tf.tidy(() => void forward(x as tf.Tensor2D).post[layers.length - 1].dataSync());
  else if (!c.instruments) run = () => tf.tidy(() => trainStep(false));
  else run = () => tf.tidy(() => trainStep(true));
  return {
    run,
    dispose: () => {
      tf.dispose([...vars, x, labels, lr]);
    },
  };
}
