/**
 * A second thread for the large matrix products and statistics: a helper
 * runs the same WebAssembly module on the same shared memory, and takes the
 * lower rows of C (the second part of the values) while the calling thread
 * does the upper ones. Hosts that can start a thread pass a SpawnHelper
 * (Node's worker_threads: the CLI, the Electron utility process, the
 * benchmark, src/core/host/node-threads.ts; a nested Web Worker on a
 * cross-origin-isolated page, browser-threads.ts); elsewhere the kernels
 * stay on one thread. The core itself imports nothing from Node.
 */
import type { WasmMemory } from './webassembly';
import { LatePolicy } from './latePolicy';

/** What a helper thread needs: the compiled module, the shared memory, and the control words. */
export interface HelperData {
  module: object;
  memory: WasmMemory;
  control: SharedArrayBuffer;
}

/**
 * Starts `source` (a script that reads `data` as
 * `require('node:worker_threads').workerData`, which a browser host
 * provides by hand) as a thread; false where the host cannot. The thread
 * may start later (the kernels wait for it to say it runs) and must not
 * keep its process alive.
 */
export type SpawnHelper = (source: string, data: HelperData) => boolean;

/**
 * ctl[0]: 0 idle, else the job; ctl[1..8] its int32 arguments, ctl[9..10]
 * its float32 ones; ctl[READY] set once the helper runs; ctl[12..13] a
 * float64 result; ctl[FAILED] set once the helper has failed (it then takes
 * no more jobs); from word 16, the float64 arguments (`doubles`).
 */
const JOB = {
  nt: 1, ntRelu: 2, nn: 3, tn: 4,
  sumSquares: 5, minMax: 6, binCounts: 7, measureLayer: 8,
  sgd: 9, sgdDecay: 10, sgdMomentum: 11, adam: 12, rmsprop: 13,
} as const;
export type HelperJob = keyof typeof JOB;
export type UpdateJob = 'sgd' | 'sgdDecay' | 'sgdMomentum' | 'adam' | 'rmsprop';
const CONTROL_WORDS = 16 + 2 * 10;
const FLOAT_ARGS = 9;
/** In float64 slots: words 12 and 13. */
const RESULT = 6;
/** In float64 slots: from word 16 on. */
const DOUBLES = 8;
const READY = 11;
const FAILED = 15;
/**
 * Polls of the control word before a thread sleeps, ~1 ms: a training step's
 * products come less than that apart (20 µs of spinning cost its step a third
 * more time in wake-ups), and a helper that sleeps again within a
 * millisecond of the last product costs an idle machine nothing noticeable.
 */
const SPIN = 100_000;
/** Every host that can start a helper thread (Node, browsers, their workers) has performance.now; the core's types do not declare it. */
const hostClock = (): number => (globalThis as unknown as { performance: { now(): number } }).performance.now();

/**
 * The helper's whole program. Between jobs it sleeps in Atomics.wait; the
 * seq-cst store and notify that hand a job over (and back) order the shared
 * memory's contents for both threads. A helper that fails says so and
 * hands the job back undone, so the caller never waits for it in vain.
 */
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.control);
const floats = new Float32Array(workerData.control);
const result = new Float64Array(workerData.control);
const d = new Float64Array(workerData.control, ${DOUBLES * 8});
try {
  const { module, memory } = workerData;
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  Atomics.store(ctl, ${READY}, 1);
  for (;;) {
    // Products come in runs (a step's layers, a probe pass): a while awake
    // before sleeping saves the next one the futex wake-up (~0.1 ms here).
    for (let spin = 0; spin < ${SPIN} && Atomics.load(ctl, 0) === 0; spin++);
    Atomics.wait(ctl, 0, 0);
    const job = Atomics.load(ctl, 0);
    const m = ctl[1], n = ctl[2], kk = ctl[3], a = ctl[4], b = ctl[5], c = ctl[6], bias = ctl[7], post = ctl[8];
    if (job === ${JOB.nt} || job === ${JOB.ntRelu}) k.gemm_nt(m, n, kk, a, b, c, bias);
    if (job === ${JOB.ntRelu}) k.relu(c, post, m * n);
    if (job === ${JOB.nn}) k.gemm_nn(m, n, kk, a, b, c);
    if (job === ${JOB.tn}) k.gemm_tn(m, n, kk, a, b, c, bias);
    // The statistics take their arguments in the order of the exports.
    if (job === ${JOB.sumSquares}) result[${RESULT}] = k.sum_squares(m, n);
    if (job === ${JOB.minMax}) k.min_max(m, n, kk);
    if (job === ${JOB.binCounts}) k.bin_counts(m, n, floats[${FLOAT_ARGS}], floats[${FLOAT_ARGS + 1}], kk, a);
    if (job === ${JOB.measureLayer}) k.measure_layer(m, n, kk, a, b, c, bias);
    // The updates: value, grad, state 1, state 2, count, two flags (see WasmSimdKernels' update).
    if (job === ${JOB.sgd}) k.sgd(m, n, b, d[0]);
    if (job === ${JOB.sgdDecay}) k.sgd_decay(m, n, b, d[0], d[1]);
    if (job === ${JOB.sgdMomentum}) k.sgd_momentum(m, n, kk, b, d[0], d[1], d[2], c, bias);
    if (job === ${JOB.adam}) k.adam(m, n, kk, a, b, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
    if (job === ${JOB.rmsprop}) k.rmsprop(m, n, kk, b, d[0], d[1], d[2], d[3], d[4]);
    Atomics.store(ctl, 0, 0);
    Atomics.notify(ctl, 0);
  }
} catch (error) {
  Atomics.store(ctl, ${FAILED}, 1);
  Atomics.store(ctl, 0, 0);
  Atomics.notify(ctl, 0);
}
`;

/** The calling thread's side: hands a job over, and waits for it. */
export class Helper {
  private readonly ctl: Int32Array;
  private readonly floats: Float32Array;
  private readonly results: Float64Array;
  /** The next job's float64 arguments (the updates' constants), set before `post`. */
  readonly doubles: Float64Array;

  private postedAt = 0;
  private readonly policy = new LatePolicy();

  private constructor(control: SharedArrayBuffer, private readonly clock: () => number = hostClock) {
    this.ctl = new Int32Array(control);
    this.floats = new Float32Array(control);
    this.results = new Float64Array(control);
    this.doubles = new Float64Array(control, DOUBLES * 8);
  }

  /** A running helper on `memory`, or null where the host cannot start one. */
  static start(spawn: SpawnHelper, module: object, memory: WasmMemory): Helper | null {
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    try {
      return spawn(HELPER_SOURCE, { module, memory, control }) ? new Helper(control) : null;
    } catch {
      return null;
    }
  }

  /**
   * Whether the helper runs and has not failed. Until it does, the kernels
   * work alone: a browser starts a worker only once its creator's turn ends,
   * so waiting for its first job there would never end.
   */
  get ready(): boolean {
    return Atomics.load(this.ctl, READY) === 1 && Atomics.load(this.ctl, FAILED) === 0;
  }

  /**
   * Starts `job` on the helper with its arguments (byte addresses and sizes,
   * as the exports take them; for 'tn' the seventh is A's row length, lda;
   * the statistics' integer arguments in their exports' order, bin_counts'
   * min and max as f1, f2; the updates': value, grad, state 1, state 2,
   * count, flag 1, flag 2, their constants in `doubles`); false if the
   * helper has failed.
   */
  post(job: HelperJob, m: number, n: number, k = 0, a = 0, b = 0, c = 0, biasOrLda = 0, post = 0, f1 = 0, f2 = 0): boolean {
    const ctl = this.ctl;
    if (Atomics.load(ctl, FAILED)) return false;
    const now = this.clock();
    // A helper kept from its core by other work: this thread does the whole job (latePolicy.ts).
    if (!this.policy.allows(now)) return false;
    this.postedAt = now;
    ctl[1] = m;
    ctl[2] = n;
    ctl[3] = k;
    ctl[4] = a;
    ctl[5] = b;
    ctl[6] = c;
    ctl[7] = biasOrLda;
    ctl[8] = post;
    this.floats[FLOAT_ARGS] = f1;
    this.floats[FLOAT_ARGS + 1] = f2;
    Atomics.store(ctl, 0, JOB[job]);
    Atomics.notify(ctl, 0);
    return true;
  }

  /** Returns once the job `post` started is over: true if the helper did it, false if it failed (the caller then does it). */
  join(): boolean {
    const ctl = this.ctl;
    const joined = this.clock();
    // The helper usually ends within a few microseconds of this thread: spin before sleeping.
    for (let spin = 0; spin < SPIN && Atomics.load(ctl, 0) !== 0; spin++);
    for (let job = Atomics.load(ctl, 0); job !== 0; job = Atomics.load(ctl, 0)) Atomics.wait(ctl, 0, job);
    const ended = this.clock();
    this.policy.judge(joined - this.postedAt, ended - joined, ended);
    return Atomics.load(ctl, FAILED) === 0;
  }

  /** What the last joined 'sumSquares' found. */
  get result(): number {
    return this.results[RESULT];
  }
}
