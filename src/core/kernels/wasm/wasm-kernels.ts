import { plainKernels } from '../plain';
import * as plainOptim from '../optim-plain';
import * as plainStats from '../stats-plain';
import type { ActivationSweep, AdamCoefficients, Kernels, RmsPropCoefficients, SgdCoefficients } from '../types';
import { Arena } from './arena';
import { decodeBase64 } from './base64';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64, SHARED_MAX_PAGES } from './kernels-binary';
import { Helper, type HelperJob, type SpawnHelper, type UpdateJob } from './threads';
import { simdSupported, WASM_PAGE_BYTES, webAssembly, type WasmMemory } from './webassembly';

/** Kernels whose buffers can live in their own WebAssembly memory. */
export interface ArenaKernels extends Kernels {
  /** Threads the kernels work on now: 2 once a helper runs (and has not failed), else 1. */
  readonly threads: number;
  /**
   * A zeroed Float32Array of `length` inside the kernels' memory: operands
   * there are used in place, anything else is copied in and out on every
   * call. An ordinary array once the arena is full. The bytes go back to the
   * arena when the array is garbage-collected (views made from it with
   * subarray() must not outlive it).
   */
  alloc(length: number): Float32Array;
  gemmNTRelu(m: number, n: number, k: number, a: Float32Array, b: Float32Array, pre: Float32Array, post: Float32Array, bias?: Float32Array): void;
  reluBackward(pre: Float32Array, gradPost: Float32Array, gradPre: Float32Array, n: number, range?: { min: number; max: number }): void;
  sumSquares(values: Float32Array, n: number): number;
  minMax(values: Float32Array, n: number, range: { min: number; max: number }): void;
  sweepActivations(pre: Float32Array, post: Float32Array, samples: number, units: number, out: ActivationSweep): void;
  binCounts(values: Float32Array, n: number, min: number, max: number, counts: Uint32Array): void;
  sgdUpdate(value: Float32Array, grad: Float32Array, n: number, lr: number, weightDecay: number): void;
  sgdMomentumUpdate(value: Float32Array, grad: Float32Array, buf: Float32Array, n: number, c: SgdCoefficients): void;
  adamUpdate(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): void;
  rmspropUpdate(value: Float32Array, grad: Float32Array, sq: Float32Array, n: number, c: RmsPropCoefficients): void;
}

export interface WasmKernelOptions {
  /** Bytes set aside for alloc() (never moved: memory cannot grow under live views). */
  arenaBytes?: number;
  /** Initial bytes for operands copied in from ordinary arrays; grows on demand while no array from alloc() is alive. */
  scratchBytes?: number;
  /**
   * Use the relaxed-SIMD build (fused multiply-adds: ~1.3× the GFLOP/s, last
   * bits of rounding differ) where the engine has relaxed SIMD (Electron,
   * Chrome ≥ 114; Node 20 only with --experimental-wasm-relaxed-simd).
   * Default true.
   */
  fusedMultiplyAdd?: boolean;
  /**
   * Starts a helper thread where the host can (worker_threads in Node, a
   * nested Web Worker in the browser): once it runs, the large products,
   * statistics and updates are split over two threads, on a shared memory.
   * Used only without fused multiply-adds; the bits are the same either way.
   */
  threads?: SpawnHelper;
}

const MiB = 1 << 20;
const ALIGN = 16;
/** Address 0 means "no bias" to gemm_nt, so no operand may start there. */
const NULL_GUARD = ALIGN;

type Gemm6 = (m: number, n: number, k: number, a: number, b: number, c: number) => void;
/** gemm_tn: the seventh argument is A's row length in floats (lda). */
type GemmTN = (m: number, n: number, k: number, a: number, b: number, c: number, lda: number) => void;
type Gemm7 = (m: number, n: number, k: number, a: number, b: number, c: number, bias: number) => void;
type Relu = (src: number, dst: number, count: number) => void;
type ReluBackward = (pre: number, gradPost: number, gradPre: number, count: number, range: number) => void;
/** kernels.wat's statistics exports. */
interface StatsExports {
  sum_squares(x: number, n: number): number;
  min_max(x: number, n: number, out: number): void;
  bin_counts(x: number, n: number, min: number, max: number, bins: number, counts: number): void;
  measure_layer(pre: number, post: number, samples: number, units: number, positive: number, premax: number, out: number): void;
}

/** kernels.wat's optimizer exports (float64 constants, byte addresses). */
interface OptimExports {
  sgd(value: number, grad: number, n: number, lr: number): void;
  sgd_decay(value: number, grad: number, n: number, lr: number, wd: number): void;
  sgd_momentum(value: number, grad: number, buf: number, n: number, lr: number, momentum: number, wd: number, first: number, nesterov: number): void;
  adam(value: number, grad: number, m: number, v: number, n: number, shrink: number, l2: number, beta1: number, keep1: number, beta2: number, keep2: number, stepSize: number, correction2: number, eps: number): void;
  rmsprop(value: number, grad: number, sq: number, n: number, lr: number, rho: number, keep: number, eps: number, wd: number): void;
}

/**
 * The WebAssembly SIMD kernels (kernels.wat), or null where WebAssembly or
 * its SIMD is missing or compiling is not allowed: the caller keeps the
 * plain kernels then.
 */
export function createWasmKernels(options: WasmKernelOptions = {}): ArenaKernels | null {
  const api = webAssembly();
  if (!api || !simdSupported(api)) return null;
  // A network's parameters, gradients and optimizer state, its probe set and batch buffer: ~12 MB
  // for the MNIST lesson, so rebuilt networks fit while the last ones await collection.
  const arenaBytes = alignUp(options.arenaBytes ?? 64 * MiB);
  // Room for a full batch of 4096 MNIST samples through the first layer: the
  // copy area cannot grow while a network's parameters live in the arena.
  const scratchBytes = alignUp(options.scratchBytes ?? 48 * MiB);
  const relaxed = options.fusedMultiplyAdd === false ? null : decodeBase64(KERNELS_RELAXED_WASM_BASE64);
  // The relaxed build validates exactly where relaxed SIMD is available.
  const fused = relaxed !== null && api.validate(relaxed);
  const bytes = fused ? relaxed : decodeBase64(KERNELS_WASM_BASE64);
  const initial = Math.ceil((NULL_GUARD + arenaBytes + scratchBytes) / WASM_PAGE_BYTES);
  const threaded = !fused && options.threads !== undefined && typeof SharedArrayBuffer === 'function';
  let memory: WasmMemory;
  let module: object;
  let e: Record<string, unknown>;
  try {
    memory = threaded ? new api.Memory({ initial, maximum: SHARED_MAX_PAGES, shared: true }) : new api.Memory({ initial });
    module = new api.Module(threaded ? decodeBase64(KERNELS_SHARED_WASM_BASE64) : bytes);
    e = new api.Instance(module, { env: { memory } }).exports;
  } catch {
    // A Content-Security-Policy without 'wasm-unsafe-eval' forbids compiling; so may a memory limit.
    return null;
  }
  const helper = threaded ? Helper.start(options.threads!, module, memory) : null;
  const name = `${fused ? 'wasm-simd-fma' : 'wasm-simd'}${helper ? ', 2 threads' : ''}`;
  return new WasmSimdKernels(name, memory, NULL_GUARD + arenaBytes, e.gemm_nt as Gemm7, e.gemm_nn as Gemm6, e.gemm_tn as GemmTN, e.relu as Relu, e.relu_backward as ReluBackward, e as unknown as StatsExports & OptimExports, helper);
}

/** Multiply-adds from which a product is split over two threads: below, handing half over costs about what it saves. */
const SPLIT_MIN_MACS = 1 << 21;
/**
 * The two threads' outputs lie this many bytes apart at least: written on
 * one core and read or written on the other within one cache line, every
 * increment would move the line between the cores ("false sharing"). A
 * line's width is not enough: CPUs fetch lines ahead of a thread's writes.
 * With 128 bytes, the helper's histogram counts began 112 bytes past the
 * caller's, and a split histogram of 200k values took 119–140 µs; from 368
 * bytes past on, 92–96 µs (one thread: 177).
 */
const APART = 512;
const APART_FLOATS = APART / 4;
/** Values from which a statistic is split over two threads: below, handing half over costs about what it saves. */
const STATS_SPLIT_MIN = 8192;
/** gemm_nt, gemm_nn and gemm_tn tile C in blocks of this many rows from the top (see kernels.wat). */
const ROW_BLOCK = 6;

class WasmSimdKernels implements ArenaKernels {
  // ES-private, so printing or diffing the kernels (a failed test's expect) does not walk 48 MB of floats.
  readonly #memory: WasmMemory;
  #heap: Float32Array;
  #heapU32: Uint32Array;
  private readonly arena: Arena;
  /** Hands an array's bytes back to the arena once the array is garbage (absent where the engine lacks FinalizationRegistry: no reuse then). */
  private readonly reclaim: FinalizationRegistry<{ at: number; bytes: number }> | null;
  /** The current update's float64 constants, in the order its export takes them. */
  readonly #constants = new Float64Array(10);
  /** Where the copy-in area starts; the next copy goes to `cursor`. */
  private cursor: number;

  constructor(
    readonly name: string,
    memory: WasmMemory,
    private readonly arenaEnd: number,
    private readonly nt: Gemm7,
    private readonly nn: Gemm6,
    private readonly tn: GemmTN,
    private readonly relu: Relu,
    private readonly reluBack: ReluBackward,
    private readonly ops: StatsExports & OptimExports,
    private readonly helper: Helper | null = null,
  ) {
    this.#memory = memory;
    this.#heap = new Float32Array(memory.buffer);
    this.#heapU32 = new Uint32Array(memory.buffer);
    this.cursor = arenaEnd;
    this.arena = new Arena(NULL_GUARD, arenaEnd);
    this.reclaim = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(({ at, bytes }) => this.arena.release(at, bytes)) : null;
  }

  get threads(): number {
    return this.helper?.ready ? 2 : 1;
  }

  alloc(length: number): Float32Array {
    const bytes = alignUp(Math.max(1, length) * 4);
    const at = this.arena.allocate(bytes);
    if (at < 0) return new Float32Array(length);
    const view = new Float32Array(this.#memory.buffer, at, length);
    // Reused bytes still hold what the last owner left.
    view.fill(0);
    this.reclaim?.register(view, { at, bytes });
    return view;
  }

  gemmNT(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, bias?: Float32Array): void {
    if (!this.reserve(this.copied(a, m * k) + this.copied(b, n * k) + this.copied(c, m * n) + (bias ? this.copied(bias, n) : 0))) {
      return plainKernels.gemmNT(m, n, k, a, b, c, bias);
    }
    const pa = this.input(a, m * k, 'a');
    const pb = this.input(b, n * k, 'b');
    const pbias = bias ? this.input(bias, n, 'bias') : 0;
    const pc = this.output(c, m * n);
    this.product('nt', m, n, k, pa, pb, pc, pbias);
    this.finish(c, pc, m * n);
  }

  gemmNTRelu(m: number, n: number, k: number, a: Float32Array, b: Float32Array, pre: Float32Array, post: Float32Array, bias?: Float32Array): void {
    const copies = this.copied(a, m * k) + this.copied(b, n * k) + this.copied(pre, m * n) + this.copied(post, m * n) + (bias ? this.copied(bias, n) : 0);
    if (!this.reserve(copies)) {
      plainKernels.gemmNT(m, n, k, a, b, pre, bias);
      for (let i = 0, count = m * n; i < count; i++) post[i] = pre[i] > 0 ? pre[i] : 0;
      return;
    }
    const pa = this.input(a, m * k, 'a');
    const pb = this.input(b, n * k, 'b');
    const pbias = bias ? this.input(bias, n, 'bias') : 0;
    const ppre = this.output(pre, m * n, 'pre');
    const ppost = this.output(post, m * n, 'post');
    this.product('ntRelu', m, n, k, pa, pb, ppre, pbias, ppost);
    this.finish(pre, ppre, m * n);
    this.finish(post, ppost, m * n);
  }

  reluBackward(pre: Float32Array, gradPost: Float32Array, gradPre: Float32Array, n: number, range?: { min: number; max: number }): void {
    if (!this.reserve(this.copied(pre, n) + this.copied(gradPost, n) + this.copied(gradPre, n) + 2 * ALIGN)) {
      for (let i = 0; i < n; i++) gradPre[i] = pre[i] > 0 ? gradPost[i] : 0;
      if (range) plainStats.minMax(gradPre, n, range);
      return;
    }
    const ppre = this.input(pre, n, 'pre');
    const pgpost = this.input(gradPost, n, 'gradPost');
    const pgpre = this.output(gradPre, n, 'gradPre');
    const found = range ? alignUp(this.cursor) : 0;
    this.reluBack(ppre, pgpost, pgpre, n, found);
    this.finish(gradPre, pgpre, n);
    if (range) {
      range.min = this.#heap[found >> 2];
      range.max = this.#heap[(found >> 2) + 1];
    }
  }

  gemmNN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
    if (!this.reserve(this.copied(a, m * k) + this.copied(b, k * n) + this.copied(c, m * n))) return plainKernels.gemmNN(m, n, k, a, b, c);
    const pa = this.input(a, m * k, 'a');
    const pb = this.input(b, k * n, 'b');
    const pc = this.output(c, m * n);
    this.product('nn', m, n, k, pa, pb, pc);
    this.finish(c, pc, m * n);
  }

  gemmTN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
    if (!this.reserve(this.copied(a, k * m) + this.copied(b, k * n) + this.copied(c, m * n))) return plainKernels.gemmTN(m, n, k, a, b, c);
    const pa = this.input(a, k * m, 'a');
    const pb = this.input(b, k * n, 'b');
    const pc = this.output(c, m * n);
    this.product('tn', m, n, k, pa, pb, pc);
    this.finish(c, pc, m * n);
  }

  // The statistics: operands from outside the memory are copied in like the
  // gemms' (for a 200k-float norm the copy costs about as much as the sum);
  // where they do not fit, the plain versions run instead. Large ones are
  // split in two parts, the second on the helper when there is one; counts,
  // minima and maxima do not depend on the order they are combined in, and
  // sumSquares is defined in two parts (stats-plain.ts), so the bits are
  // those of one thread.

  sumSquares(values: Float32Array, n: number): number {
    if (!this.reserve(this.copied(values, n))) return plainStats.sumSquares(values, n);
    const at = this.input(values, n, 'values');
    const half = plainStats.sumSquaresHalf(n);
    const second = at + half * 4;
    const helped = this.shares(n) && this.helper!.post('sumSquares', second, n - half);
    const first = this.ops.sum_squares(at, half);
    return first + (helped && this.helper!.join() ? this.helper!.result : this.ops.sum_squares(second, n - half));
  }

  minMax(values: Float32Array, n: number, range: { min: number; max: number }): void {
    if (!this.reserve(this.copied(values, n) + 3 * APART)) return plainStats.minMax(values, n, range);
    const at = this.input(values, n, 'values');
    const found = apart(this.cursor);
    const found2 = found + APART;
    this.cursor = found2 + APART;
    const split = this.shares(n) ? n >> 1 : n;
    const helped = split < n && this.helper!.post('minMax', at + split * 4, n - split, found2);
    this.ops.min_max(at, split, found);
    const heap = this.#heap;
    range.min = heap[found >> 2];
    range.max = heap[(found >> 2) + 1];
    if (split === n) return;
    if (!(helped && this.helper!.join())) this.ops.min_max(at + split * 4, n - split, found2);
    range.min = Math.min(range.min, heap[found2 >> 2]);
    range.max = Math.max(range.max, heap[(found2 >> 2) + 1]);
  }

  binCounts(values: Float32Array, n: number, min: number, max: number, counts: Uint32Array): void {
    const bins = counts.length;
    const stride = bins + 1;
    // bin_counts fills four histograms of `stride` counts; a second part fills four more.
    const scratch = apart(4 * stride * 4);
    if (bins === 0 || !this.reserve(this.copied(values, n) + 2 * scratch + APART)) return plainStats.binCounts(values, n, min, max, counts);
    const at = this.input(values, n, 'values');
    const found = apart(this.cursor);
    const found2 = found + scratch;
    this.cursor = found2 + scratch;
    const split = this.shares(n) ? n >> 1 : n;
    const helped = split < n && this.helper!.post('binCounts', at + split * 4, n - split, bins, found2, 0, 0, 0, 0, min, max);
    this.ops.bin_counts(at, split, min, max, bins, found);
    if (split < n && !(helped && this.helper!.join())) this.ops.bin_counts(at + split * 4, n - split, min, max, bins, found2);
    counts.fill(0);
    this.addHistograms(found, stride, counts);
    if (split < n) this.addHistograms(found2, stride, counts);
  }

  sweepActivations(pre: Float32Array, post: Float32Array, samples: number, units: number, out: ActivationSweep): void {
    const count = samples * units;
    const perUnit = alignUp(units * 4);
    // positive, premax, found: one set per part.
    const part = apart(2 * perUnit + ALIGN);
    if (!this.reserve(this.copied(pre, count) + this.copied(post, count) + 2 * part + APART)) {
      return plainStats.sweepActivations(pre, post, samples, units, out);
    }
    const ppre = this.input(pre, count, 'pre');
    const ppost = this.input(post, count, 'post');
    const positive = apart(this.cursor);
    const premax = positive + perUnit;
    const found = premax + perUnit;
    const positive2 = positive + part;
    this.cursor = positive2 + part;
    const split = this.shares(count) ? samples >> 1 : samples;
    const skip = split * units * 4;
    const helped = split < samples && this.helper!.post('measureLayer', ppre + skip, ppost + skip, samples - split, units, positive2, positive2 + perUnit, positive2 + 2 * perUnit);
    this.ops.measure_layer(ppre, ppost, split, units, positive, premax, found);
    if (split < samples && !(helped && this.helper!.join())) {
      this.ops.measure_layer(ppre + skip, ppost + skip, samples - split, units, positive2, positive2 + perUnit, positive2 + 2 * perUnit);
    }
    // Element by element: a subarray view to copy from would allocate on every step.
    const heap = this.#heap;
    const ints = this.#heapU32;
    const p = positive >> 2;
    const q = premax >> 2;
    const f = found >> 2;
    for (let u = 0; u < units; u++) {
      out.positiveCount[u] = ints[p + u];
      out.preMax[u] = heap[q + u];
    }
    out.preMin = heap[f];
    out.postMin = heap[f + 1];
    out.postMax = heap[f + 2];
    out.zeros = ints[f + 3];
    if (split === samples) return;
    const d = part >> 2;
    for (let u = 0; u < units; u++) {
      out.positiveCount[u] += ints[p + d + u];
      out.preMax[u] = Math.max(out.preMax[u], heap[q + d + u]);
    }
    out.preMin = Math.min(out.preMin, heap[f + d]);
    out.postMin = Math.min(out.postMin, heap[f + d + 1]);
    out.postMax = Math.max(out.postMax, heap[f + d + 2]);
    out.zeros += ints[f + d + 3];
  }

  /** Adds bin_counts' four histograms of `stride` counts at byte address `at` into counts. */
  private addHistograms(at: number, stride: number, counts: Uint32Array): void {
    const ints = this.#heapU32;
    for (let h = 0, o = at >> 2; h < 4; h++, o += stride) for (let j = 0; j < counts.length; j++) counts[j] += ints[o + j];
  }

  /** Whether a statistic over `values` values is split with the helper. */
  private shares(values: number): boolean {
    return values >= STATS_SPLIT_MIN && this.helper !== null && this.helper.ready;
  }

  // The optimizer updates: parameters, gradients and state copied in and
  // the updated ones out again where they live outside the memory (still
  // ahead of the plain loops: the update runs two parameters a turn). Each
  // parameter's update reads only its own values, so large ones are split
  // with the helper and give the same bits.

  sgdUpdate(value: Float32Array, grad: Float32Array, n: number, lr: number, weightDecay: number): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n))) return plainOptim.sgdUpdate(value, grad, n, lr, weightDecay);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    this.#constants[0] = lr;
    this.#constants[1] = weightDecay;
    this.update(weightDecay === 0 ? 'sgd' : 'sgdDecay', n, pv, pg);
    this.finish(value, pv, n);
  }

  sgdMomentumUpdate(value: Float32Array, grad: Float32Array, buf: Float32Array, n: number, c: SgdCoefficients): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n) + this.copied(buf, n))) return plainOptim.sgdMomentumUpdate(value, grad, buf, n, c);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    const pb = this.input(buf, n, 'buf');
    this.#constants[0] = c.lr;
    this.#constants[1] = c.momentum;
    this.#constants[2] = c.weightDecay;
    this.update('sgdMomentum', n, pv, pg, pb, 0, c.first ? 1 : 0, c.nesterov ? 1 : 0);
    this.finish(value, pv, n);
    this.finish(buf, pb, n);
  }

  adamUpdate(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n) + this.copied(m, n) + this.copied(v, n))) return plainOptim.adamUpdate(value, grad, m, v, n, c);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    const pm = this.input(m, n, 'm');
    const pq = this.input(v, n, 'v');
    const k = this.#constants;
    k[0] = c.shrink;
    k[1] = c.l2;
    k[2] = c.beta1;
    k[3] = 1 - c.beta1;
    k[4] = c.beta2;
    k[5] = 1 - c.beta2;
    k[6] = c.stepSize;
    k[7] = c.correction2;
    k[8] = c.eps;
    this.update('adam', n, pv, pg, pm, pq);
    this.finish(value, pv, n);
    this.finish(m, pm, n);
    this.finish(v, pq, n);
  }

  rmspropUpdate(value: Float32Array, grad: Float32Array, sq: Float32Array, n: number, c: RmsPropCoefficients): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n) + this.copied(sq, n))) return plainOptim.rmspropUpdate(value, grad, sq, n, c);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    const ps = this.input(sq, n, 'sq');
    const k = this.#constants;
    k[0] = c.lr;
    k[1] = c.rho;
    k[2] = 1 - c.rho;
    k[3] = c.eps;
    k[4] = c.weightDecay;
    this.update('rmsprop', n, pv, pg, ps);
    this.finish(value, pv, n);
    this.finish(sq, ps, n);
  }

  /**
   * Update `job` of n parameters (byte addresses; s1, s2: its state), its
   * constants in #constants: the second part on the helper for large ones,
   * split on an APART boundary so the threads never write one cache line.
   */
  private update(job: UpdateJob, n: number, value: number, grad: number, s1 = 0, s2 = 0, flag1 = 0, flag2 = 0): void {
    const split = this.shares(n) ? Math.floor(n / (2 * APART_FLOATS)) * APART_FLOATS : n;
    const at = split * 4;
    let helped = false;
    if (split < n) {
      this.helper!.doubles.set(this.#constants);
      helped = this.helper!.post(job, value + at, grad + at, s1 && s1 + at, s2 && s2 + at, n - split, flag1, flag2);
    }
    this.updateRange(job, split, value, grad, s1, s2, flag1, flag2);
    if (split < n && !(helped && this.helper!.join())) this.updateRange(job, n - split, value + at, grad + at, s1 && s1 + at, s2 && s2 + at, flag1, flag2);
  }

  private updateRange(job: UpdateJob, n: number, value: number, grad: number, s1: number, s2: number, flag1: number, flag2: number): void {
    const k = this.#constants;
    const o = this.ops;
    if (job === 'sgd') o.sgd(value, grad, n, k[0]);
    else if (job === 'sgdDecay') o.sgd_decay(value, grad, n, k[0], k[1]);
    else if (job === 'sgdMomentum') o.sgd_momentum(value, grad, s1, n, k[0], k[1], k[2], flag1, flag2);
    else if (job === 'adam') o.adam(value, grad, s1, s2, n, k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7], k[8]);
    else o.rmsprop(value, grad, s1, n, k[0], k[1], k[2], k[3], k[4]);
  }

  /**
   * C's rows of a product, the lower ones on the helper when there is one
   * and the product is large. The split falls on a multiple of the kernels'
   * row block, so each half is tiled exactly as the whole product would be:
   * the bits do not depend on the split.
   */
  private product(job: HelperJob, m: number, n: number, k: number, a: number, b: number, c: number, bias = 0, post = 0): void {
    const split = m * n * k >= SPLIT_MIN_MACS && this.helper?.ready ? Math.floor(m / (2 * ROW_BLOCK)) * ROW_BLOCK : 0;
    const lower = m - split;
    // C's row i reads A's row i (A·Bᵀ, A·B: k floats a row) or A's column i (Aᵀ·B, whose rows keep their length m, passed where the bias would go).
    const extra = job === 'tn' ? m : bias;
    const a1 = job === 'tn' ? a + split * 4 : a + split * k * 4;
    const c1 = c + split * n * 4;
    const post1 = post + split * n * 4;
    const shared = split > 0 && this.helper!.post(job, lower, n, k, a1, b, c1, extra, post1);
    this.rows(job, shared ? split : m, n, k, a, b, c, extra, post);
    // A helper that failed hands its rows back undone.
    if (shared && !this.helper!.join()) this.rows(job, lower, n, k, a1, b, c1, extra, post1);
  }

  /** `extra`: the bias for A·Bᵀ, A's row length for Aᵀ·B. */
  private rows(job: HelperJob, m: number, n: number, k: number, a: number, b: number, c: number, extra: number, post: number): void {
    if (job === 'nn') this.nn(m, n, k, a, b, c);
    else if (job === 'tn') this.tn(m, n, k, a, b, c, extra);
    else this.nt(m, n, k, a, b, c, extra);
    if (job === 'ntRelu') this.relu(c, post, m * n);
  }

  /** Bytes of the copy area an operand of `length` floats takes: none when it already lives in the memory. */
  private copied(x: Float32Array, length: number): number {
    return x.buffer === this.#memory.buffer ? 0 : alignUp(length * 4);
  }

  /**
   * Makes room to copy in the operands of one call. Growing the memory
   * detaches every view of it, so while arrays from alloc() are alive it
   * does not grow: a call that does not fit runs on the plain kernels instead.
   */
  private reserve(bytes: number): boolean {
    this.cursor = this.arenaEnd;
    const needed = this.arenaEnd + bytes - this.#memory.buffer.byteLength;
    if (needed <= 0) return true;
    if (this.arena.live > 0) return false;
    try {
      this.#memory.grow(Math.ceil(needed / WASM_PAGE_BYTES));
    } catch {
      return false; // past the engine's memory limit: the plain kernels need no copies
    }
    this.#heap = new Float32Array(this.#memory.buffer);
    this.#heapU32 = new Uint32Array(this.#memory.buffer);
    return true;
  }

  /** The byte address of `x`'s first `length` floats, copying them in when x lives elsewhere. */
  private input(x: Float32Array, length: number, what: string): number {
    if (x.length < length) throw new RangeError(`wasm kernels: operand ${what} holds ${x.length} values, the shapes need ${length}`);
    if (x.buffer === this.#memory.buffer) return x.byteOffset;
    const at = this.cursor;
    this.#heap.set(x.length === length ? x : x.subarray(0, length), at >> 2);
    this.cursor += alignUp(length * 4);
    return at;
  }

  private output(c: Float32Array, length: number, what = 'c'): number {
    if (c.length < length) throw new RangeError(`wasm kernels: result ${what} holds ${c.length} values, the shapes need ${length}`);
    if (c.buffer === this.#memory.buffer) return c.byteOffset;
    const at = this.cursor;
    this.cursor += alignUp(length * 4);
    return at;
  }

  private finish(c: Float32Array, at: number, length: number): void {
    if (c.buffer !== this.#memory.buffer) c.set(this.#heap.subarray(at >> 2, (at >> 2) + length));
  }
}

function apart(bytes: number): number {
  return Math.ceil(bytes / APART) * APART;
}

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
