// The three GEMM layouts on the MNIST network's shapes, our kernels against
// tfjs-wasm's tf.matMul with the same transposes: where a training step's
// time goes, layout by layout (printed only; results.json holds the cases).
import * as tf from '@tensorflow/tfjs-core';
import type { Kernels } from '../src/core/kernels/types';
import { medianMs } from './timing';

type Layout = 'NT' | 'TN' | 'NN';

const SHAPES: { layout: Layout; m: number; n: number; k: number; what: string }[] = [
  { layout: 'NT', m: 64, n: 256, k: 784, what: 'forward layer 1: x·Wᵀ' },
  { layout: 'NN', m: 64, n: 256, k: 784, what: 'same, W stored in×out' },
  { layout: 'TN', m: 256, n: 784, k: 64, what: 'dW layer 1: dPreᵀ·x' },
  { layout: 'NN', m: 64, n: 256, k: 128, what: 'dX layer 2: dPre·W' },
  { layout: 'NT', m: 1024, n: 256, k: 784, what: 'probe forward layer 1' },
];

function ours(kernels: Kernels, layout: Layout, m: number, n: number, k: number): () => void {
  const fill = (len: number): Float32Array => Float32Array.from({ length: len }, (_, i) => Math.sin(i));
  const a = fill(m * k);
  const b = fill(n * k);
  const c = new Float32Array(m * n);
  if (layout === 'NT') return () => kernels.gemmNT(m, n, k, a, b, c);
  if (layout === 'NN') return () => kernels.gemmNN(m, n, k, a, b, c);
  return () => kernels.gemmTN(m, n, k, a, b, c);
}

/** The same product as tf.matMul(a, b, transposeA, transposeB) on the current backend; run and dispose. */
function tfjs(layout: Layout, m: number, n: number, k: number): { run: () => void; dispose: () => void } {
  const a = layout === 'TN' ? tf.randomUniform([k, m]) : tf.randomUniform([m, k]);
  const b = layout === 'NT' ? tf.randomUniform([n, k]) : tf.randomUniform([k, n]);
  return {
    run: () => tf.tidy(() => void tf.matMul(a, b, layout === 'TN', layout === 'NT').dataSync()),
    dispose: () => tf.dispose([a, b]),
  };
}

/** Call with tfjs already on its wasm backend. */
export function gemmLayoutTable(kernels: Kernels): string {
  const lines = [`GEMM layouts (GFLOP/s): ${kernels.name} vs tfjs-wasm tf.matMul`];
  for (const { layout, m, n, k, what } of SHAPES) {
    const flop = 2 * m * n * k;
    const mine = flop / (medianMs(ours(kernels, layout, m, n, k)) * 1e6);
    const theirs = tfjs(layout, m, n, k);
    const tfGflops = flop / (medianMs(theirs.run) * 1e6);
    theirs.dispose();
    lines.push(`  ${layout} ${`${m}×${n}×${k}`.padEnd(13)} ${what.padEnd(26)} ${mine.toFixed(1).padStart(6)} vs ${tfGflops.toFixed(1).padStart(6)}`);
  }
  return lines.join('\n');
}
