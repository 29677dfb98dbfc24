// Quick timing of one training step (forward, softmax-CE, backward, SGD) of
// the classic 784-256-128-10 ReLU MLP at batch 64, plus each GEMM layout on
// its shapes. A developer check, not a test: `node bench/kernels-quick.mjs`
// (add `reference` to time the naive kernels too).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'relu-lab-bench-'));
const entry = `
export { Network } from './src/core/nn/network';
export { lossForward, lossBackward } from './src/core/nn/losses';
export { createOptimizer } from './src/core/optim/index';
export { plainKernels, referenceKernels } from './src/core/kernels/index';
export { Rng } from './src/core/random/rng';
`;
await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  outfile: join(dir, 'core.mjs'), bundle: true, platform: 'neutral', format: 'esm', logLevel: 'warning',
});
const core = await import(pathToFileURL(join(dir, 'core.mjs')).href);
rmSync(dir, { recursive: true, force: true });

const BATCH = 64;
const spec = {
  inputs: 784,
  layers: [
    { units: 256, activation: { kind: 'relu' }, init: 'he-normal', bias: null },
    { units: 128, activation: { kind: 'relu' }, init: 'he-normal', bias: null },
    { units: 10, activation: { kind: 'linear' }, init: 'he-normal', bias: null },
  ],
  loss: 'softmax-cross-entropy',
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timeIt(fn, warmup, reps) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times) };
}

function benchStep(kernels, reps) {
  const rng = new core.Rng(1);
  const net = new core.Network(spec, BATCH, kernels);
  net.initialize(rng);
  const x = Float32Array.from({ length: BATCH * 784 }, () => rng.next());
  const labels = Int32Array.from({ length: BATCH }, () => rng.int(10));
  const y = new Float32Array(BATCH * 10);
  const d = new Float32Array(BATCH * 10);
  const opt = core.createOptimizer({ kind: 'sgd', lr: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0 }, net.params());
  return timeIt(() => {
    const out = net.forward(x, BATCH);
    core.lossForward('softmax-cross-entropy', out, y, labels, BATCH, 10);
    core.lossBackward('softmax-cross-entropy', out, y, labels, BATCH, 10, d);
    net.backward(x, d, BATCH);
    opt.step();
  }, Math.min(20, reps), reps);
}

function benchGemm(kernels, layout, m, n, k, reps) {
  const rng = new core.Rng(2);
  const rand = (len) => Float32Array.from({ length: len }, () => rng.uniform(-1, 1));
  const a = rand(m * k), b = rand(n * k), c = new Float32Array(m * n), bias = rand(n);
  const call = layout === 'NT' ? () => kernels.gemmNT(m, n, k, a, b, c, bias)
    : layout === 'NN' ? () => kernels.gemmNN(m, n, k, a, b, c)
    : () => kernels.gemmTN(m, n, k, a, b, c);
  return timeIt(call, 10, reps);
}

const fmt = (r) => `median ${r.median.toFixed(2)} ms, min ${r.min.toFixed(2)} ms`;
const kernelSets = [core.plainKernels, ...(process.argv.includes('reference') ? [core.referenceKernels] : [])];
for (const kernels of kernelSets) {
  const reps = kernels === core.referenceKernels ? 20 : 200;
  console.log(`[${kernels.name}] 784-256-128-10 relu, batch ${BATCH}, one SGD step: ${fmt(benchStep(kernels, reps))}`);
  for (const [layout, m, n, k, what] of [
    ['NT', BATCH, 256, 784, 'forward layer 1'],
    ['TN', 256, 784, BATCH, 'dW layer 1'],
    ['NT', BATCH, 128, 256, 'forward layer 2'],
    ['TN', 128, 256, BATCH, 'dW layer 2'],
    ['NN', BATCH, 256, 128, 'dX layer 2'],
  ]) {
    console.log(`  gemm${layout} ${m}×${n}×${k} (${what}): ${fmt(benchGemm(kernels, layout, m, n, k, reps))}`);
  }
}
