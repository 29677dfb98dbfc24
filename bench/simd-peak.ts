// The physical limit our kernels work against: how many float32 operations a
// second 128-bit WebAssembly SIMD can do on this machine, measured with a
// register-only microkernel in the same engine. Its inner loop is what our
// matrix products' inner loops are made of, a multiply and an add on
// f32x4 values (no fused multiply-add: the app's kernels do without, for the
// same bits everywhere), in independent chains so that neither latency nor
// memory limits it. The table states each kernel's GFLOP/s as a share of it.
import { Worker } from 'node:worker_threads';
import initWabt from 'wabt';

export interface SimdPeak {
  /** GFLOP/s of one thread, and of two running at once (each on its own core, where there are two). */
  oneThread: number;
  twoThreads: number;
  /** The chains and unrolling that reached it. */
  shape: string;
}

/** Independent multiply-then-add chains; x64 has 16 vector registers, and each chain holds two. */
const CHAINS = [4, 6, 7];
/** Copies of the chains' work per loop iteration, so the loop's own counting and branch cost nothing measurable. */
const UNROLL = 8;
const FLOPS_PER_PAIR = 8; // a multiply and an add on four lanes

/**
 * `peak(n, m)`: n iterations of, per chain k, t_k ← t_k · m; a_k ← a_k + t_k
 * (m = 1 at run time, so nothing overflows; the engine cannot know it).
 * Returns a lane of Σ a_k so that no chain is dead code.
 */
function microkernel(chains: number): string {
  const ks = Array.from({ length: chains }, (_, k) => k);
  const locals = ks.map((k) => `(local $t${k} v128) (local $a${k} v128)`).join(' ');
  const init = ks.map((k) => `(local.set $t${k} (f32x4.splat (f32.const ${1 + k / 8})))`).join('\n    ');
  const body = Array.from({ length: UNROLL }, () =>
    ks.map((k) => `(local.set $t${k} (f32x4.mul (local.get $t${k}) (local.get $m4)))\n      (local.set $a${k} (f32x4.add (local.get $a${k}) (local.get $t${k})))`).join('\n      '),
  ).join('\n      ');
  const sum = ks.slice(1).reduce((acc, k) => `(f32x4.add ${acc} (local.get $a${k}))`, '(local.get $a0)');
  return `(module
  (func (export "peak") (param $n i32) (param $m f32) (result f32)
    (local $m4 v128) ${locals}
    (local.set $m4 (f32x4.splat (local.get $m)))
    ${init}
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
      ${body}
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (f32x4.extract_lane 0 ${sum})))`;
}

async function assemble(chains: number): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await initWabt();
  const module = wabt.parseWat(`peak${chains}.wat`, microkernel(chains), { simd: true });
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

type Peak = (n: number, m: number) => number;

function instantiate(bytes: Uint8Array<ArrayBuffer>): Peak {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  return instance.exports.peak as Peak;
}

/** Iterations for about `ms` of work at roughly 10 GFLOP/s or more. */
function iterationsFor(chains: number, ms: number): number {
  return Math.ceil((ms * 1e7) / (chains * UNROLL * FLOPS_PER_PAIR));
}

/** Best GFLOP/s of several timed calls on this thread (a peak is a best case). */
function oneThread(peak: Peak, chains: number): number {
  const n = iterationsFor(chains, 50);
  peak(n, 1);
  let best = 0;
  for (let rep = 0; rep < 7; rep++) {
    const t0 = performance.now();
    peak(n, 1);
    const ms = performance.now() - t0;
    best = Math.max(best, (n * chains * UNROLL * FLOPS_PER_PAIR) / (ms * 1e6));
  }
  return best;
}

/**
 * The same microkernel on two worker threads at once, started together at
 * a shared flag: total work over the longer of the two times, best of
 * several rounds.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { bytes, n, flag } = workerData;
const peak = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.peak;
const gate = new Int32Array(flag);
peak(n, 1);
parentPort.on('message', (round) => {
  Atomics.add(gate, 1, 1);
  while (Atomics.load(gate, 0) < round) Atomics.wait(gate, 0, round - 1, 5);
  const t0 = performance.now();
  peak(n, 1);
  parentPort.postMessage(performance.now() - t0);
});
`;

async function twoThreads(bytes: Uint8Array, chains: number): Promise<number> {
  const n = iterationsFor(chains, 100);
  const flag = new SharedArrayBuffer(8);
  const gate = new Int32Array(flag);
  const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: { bytes, n, flag } }));
  try {
    let best = 0;
    for (let round = 1; round <= 5; round++) {
      const times = workers.map((w) => new Promise<number>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      }));
      Atomics.store(gate, 1, 0);
      for (const w of workers) w.postMessage(round);
      while (Atomics.load(gate, 1) < 2) await new Promise((r) => setTimeout(r, 1));
      Atomics.store(gate, 0, round);
      Atomics.notify(gate, 0);
      const ms = Math.max(...(await Promise.all(times)));
      best = Math.max(best, (2 * n * chains * UNROLL * FLOPS_PER_PAIR) / (ms * 1e6));
    }
    return best;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The best of the chain counts, on one thread and on two. */
export async function measureSimdPeak(): Promise<SimdPeak> {
  let best: SimdPeak = { oneThread: 0, twoThreads: 0, shape: '' };
  for (const chains of CHAINS) {
    const bytes = await assemble(chains);
    const one = oneThread(instantiate(bytes), chains);
    const two = await twoThreads(bytes, chains);
    if (one > best.oneThread) best = { ...best, oneThread: one, shape: `${chains} chains of f32x4.mul + f32x4.add` };
    best.twoThreads = Math.max(best.twoThreads, two);
  }
  return best;
}
