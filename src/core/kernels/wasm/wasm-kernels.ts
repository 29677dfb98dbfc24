import { plainKernels } from '../plain';
import * as plainOptim from '../optim-plain';
import * as plainStats from '../stats-plain';
import type { ActivationSweep, AdamCoefficients, Kernels, RmsPropCoefficients, SgdCoefficients } from '../types';
import { Arena } from './arena';
import { decodeBase64 } from './base64';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64, SHARED_MAX_PAGES } from './kernels-binary';
import { Helper, type HelperJob, type SpawnHelper } from './threads';
import { simdSupported, WASM_PAGE_BYTES, webAssembly, type WasmMemory } from './webassembly';

/** Kernels whose buffers can live in their own WebAssembly memory. */
export interface ArenaKernels extends Kernels {
  /**
   * A zeroed Float32Array of `length` inside the kernels' memory: operands
   * there are used in place, anything else is copied in and out on every
   * call. An ordinary array once the arena is full. The bytes go back to the
   * arena when the array is garbage-collected (views made from it with
   * subarray() must not outlive it).
   */
  alloc(length: number): Float32Array;
  gemmNTRelu(m: number, n: number, k: number, a: Float32Array, b: Float32Array, pre: Float32Array, post: Float32Array, bias?: Float32Array): void;
  reluBackward(pre: Float32Array, gradPost: Float32Array, gradPre: Float32Array, n: number): void;
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
   * Starts a helper thread where the host can (Node's worker_threads): the
   * large products then run on two threads, on a shared memory. Used only
   * without fused multiply-adds; the bits are the same either way.
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
type ReluBackward = (pre: number, gradPost: number, gradPre: number, count: number) => void;
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

  reluBackward(pre: Float32Array, gradPost: Float32Array, gradPre: Float32Array, n: number): void {
    if (!this.reserve(this.copied(pre, n) + this.copied(gradPost, n) + this.copied(gradPre, n))) {
      for (let i = 0; i < n; i++) gradPre[i] = pre[i] > 0 ? gradPost[i] : 0;
      return;
    }
    const ppre = this.input(pre, n, 'pre');
    const pgpost = this.input(gradPost, n, 'gradPost');
    const pgpre = this.output(gradPre, n, 'gradPre');
    this.reluBack(ppre, pgpost, pgpre, n);
    this.finish(gradPre, pgpre, n);
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
  // where they do not fit, the plain versions run instead.

  sumSquares(values: Float32Array, n: number): number {
    if (!this.reserve(this.copied(values, n))) return plainStats.sumSquares(values, n);
    return this.ops.sum_squares(this.input(values, n, 'values'), n);
  }

  minMax(values: Float32Array, n: number, range: { min: number; max: number }): void {
    if (!this.reserve(this.copied(values, n) + ALIGN)) return plainStats.minMax(values, n, range);
    const at = this.input(values, n, 'values');
    const found = this.cursor;
    this.cursor += ALIGN;
    this.ops.min_max(at, n, found);
    const out = found >> 2;
    range.min = this.#heap[out];
    range.max = this.#heap[out + 1];
  }

  binCounts(values: Float32Array, n: number, min: number, max: number, counts: Uint32Array): void {
    const bins = counts.length;
    const stride = bins + 1;
    const scratch = alignUp(4 * stride * 4);
    if (bins === 0 || !this.reserve(this.copied(values, n) + scratch)) return plainStats.binCounts(values, n, min, max, counts);
    const at = this.input(values, n, 'values');
    const found = this.cursor;
    this.cursor += scratch;
    this.ops.bin_counts(at, n, min, max, bins, found);
    const ints = this.#heapU32;
    const c = found >> 2;
    for (let j = 0; j < bins; j++) counts[j] = ints[c + j] + ints[c + stride + j] + ints[c + 2 * stride + j] + ints[c + 3 * stride + j];
  }

  sweepActivations(pre: Float32Array, post: Float32Array, samples: number, units: number, out: ActivationSweep): void {
    const count = samples * units;
    const perUnit = alignUp(units * 4);
    if (!this.reserve(this.copied(pre, count) + this.copied(post, count) + 2 * perUnit + ALIGN)) {
      return plainStats.sweepActivations(pre, post, samples, units, out);
    }
    const ppre = this.input(pre, count, 'pre');
    const ppost = this.input(post, count, 'post');
    const positive = this.cursor;
    const premax = positive + perUnit;
    const found = premax + perUnit;
    this.cursor = found + ALIGN;
    this.ops.measure_layer(ppre, ppost, samples, units, positive, premax, found);
    // Element by element: a subarray view to copy from would allocate on every step.
    const heap = this.#heap;
    const ints = this.#heapU32;
    for (let u = 0, p = positive >> 2, q = premax >> 2; u < units; u++) {
      out.positiveCount[u] = ints[p + u];
      out.preMax[u] = heap[q + u];
    }
    const f = found >> 2;
    out.preMin = heap[f];
    out.postMin = heap[f + 1];
    out.postMax = heap[f + 2];
    out.zeros = ints[f + 3];
  }

  // The optimizer updates: parameters, gradients and state copied in and
  // the updated ones out again where they live outside the memory (still
  // ahead of the plain loops: the update runs two parameters a turn).

  sgdUpdate(value: Float32Array, grad: Float32Array, n: number, lr: number, weightDecay: number): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n))) return plainOptim.sgdUpdate(value, grad, n, lr, weightDecay);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    if (weightDecay === 0) this.ops.sgd(pv, pg, n, lr);
    else this.ops.sgd_decay(pv, pg, n, lr, weightDecay);
    this.finish(value, pv, n);
  }

  sgdMomentumUpdate(value: Float32Array, grad: Float32Array, buf: Float32Array, n: number, c: SgdCoefficients): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n) + this.copied(buf, n))) return plainOptim.sgdMomentumUpdate(value, grad, buf, n, c);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    const pb = this.input(buf, n, 'buf');
    this.ops.sgd_momentum(pv, pg, pb, n, c.lr, c.momentum, c.weightDecay, c.first ? 1 : 0, c.nesterov ? 1 : 0);
    this.finish(value, pv, n);
    this.finish(buf, pb, n);
  }

  adamUpdate(value: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, n: number, c: AdamCoefficients): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n) + this.copied(m, n) + this.copied(v, n))) return plainOptim.adamUpdate(value, grad, m, v, n, c);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    const pm = this.input(m, n, 'm');
    const pq = this.input(v, n, 'v');
    this.ops.adam(pv, pg, pm, pq, n, c.shrink, c.l2, c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, c.stepSize, c.correction2, c.eps);
    this.finish(value, pv, n);
    this.finish(m, pm, n);
    this.finish(v, pq, n);
  }

  rmspropUpdate(value: Float32Array, grad: Float32Array, sq: Float32Array, n: number, c: RmsPropCoefficients): void {
    if (!this.reserve(this.copied(value, n) + this.copied(grad, n) + this.copied(sq, n))) return plainOptim.rmspropUpdate(value, grad, sq, n, c);
    const pv = this.input(value, n, 'value');
    const pg = this.input(grad, n, 'grad');
    const ps = this.input(sq, n, 'sq');
    this.ops.rmsprop(pv, pg, ps, n, c.lr, c.rho, 1 - c.rho, c.eps, c.weightDecay);
    this.finish(value, pv, n);
    this.finish(sq, ps, n);
  }

  /**
   * C's rows of a product, the lower ones on the helper when there is one
   * and the product is large. The split falls on a multiple of the kernels'
   * row block, so each half is tiled exactly as the whole product would be:
   * the bits do not depend on the split.
   */
  private product(job: HelperJob, m: number, n: number, k: number, a: number, b: number, c: number, bias = 0, post = 0): void {
    const split = this.helper && m * n * k >= SPLIT_MIN_MACS ? Math.floor(m / (2 * ROW_BLOCK)) * ROW_BLOCK : 0;
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

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
