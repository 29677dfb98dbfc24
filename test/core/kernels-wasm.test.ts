import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { assembleKernels, OUTPUT_PATH } from '../../scripts/build-wasm.mjs';
import { plainKernels, referenceKernels } from '../../src/core/kernels/index';
import type { Kernels } from '../../src/core/kernels/types';
import { createWasmKernels, fastestKernels, simdSupported, type ArenaKernels } from '../../src/core/kernels/wasm/index';
import { activate, activateBackward } from '../../src/core/nn/activations';
import { Network } from '../../src/core/nn/network';
import { LOSSES } from '../../src/core/nn/losses';
import { createOptimizer } from '../../src/core/optim/index';
import { minMax } from '../../src/core/kernels/stats-plain';
import { Rng } from '../../src/core/random/rng';
import { batchOf, golden, loadedNetwork, optimizerSpecOf, type MlpCase, type TrainingCase } from './golden-mlp';

type Layout = 'NT' | 'NT+bias' | 'NN' | 'TN';

function random(rng: Rng, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.uniform(-1, 1);
  return out;
}

interface Operands {
  a: Float32Array;
  b: Float32Array;
  bias: Float32Array | undefined;
  c: Float32Array;
}

/** Operands for one layout, each `slack` values longer than the matrix (like a network's capacity-sized buffers). */
function operands(layout: Layout, m: number, n: number, k: number, seed: number, slack = 0): Operands {
  const rng = new Rng(seed);
  return {
    a: random(rng, m * k + slack),
    b: random(rng, n * k + slack),
    bias: layout === 'NT+bias' ? random(rng, n + slack) : undefined,
    c: new Float32Array(m * n + slack).fill(Number.NaN),
  };
}

function run(kernels: Kernels, layout: Layout, m: number, n: number, k: number, o: Operands): void {
  if (layout === 'NN') kernels.gemmNN(m, n, k, o.a, o.b, o.c);
  else if (layout === 'TN') kernels.gemmTN(m, n, k, o.a, o.b, o.c);
  else kernels.gemmNT(m, n, k, o.a, o.b, o.c, o.bias);
}

/** |got − want| ≤ 1e-5 · (|bias| + Σ|a·b|): relative to the size of the terms, so cancellation cannot fake a failure. */
function expectClose(layout: Layout, m: number, n: number, k: number, o: Operands, got: Float32Array): void {
  const abs = { ...o, a: o.a.map(Math.abs), b: o.b.map(Math.abs), bias: o.bias?.map(Math.abs), c: new Float32Array(m * n) };
  const want = { ...o, c: new Float32Array(m * n) };
  run(referenceKernels, layout, m, n, k, abs);
  run(referenceKernels, layout, m, n, k, want);
  for (let i = 0; i < m * n; i++) {
    const tolerance = 1e-5 * abs.c[i] + 1e-30;
    if (!(Math.abs(got[i] - want.c[i]) <= tolerance)) {
      expect.fail(`${layout} ${m}×${n}×${k}: c[${i}] = ${got[i]}, reference ${want.c[i]} (tolerance ${tolerance})`);
    }
  }
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [3, 5, 7], [5, 3, 2], [4, 8, 4], [4, 2, 4], [13, 17, 19], [9, 33, 65], [64, 10, 128], [31, 257, 6],
];
const LAYOUTS: Layout[] = ['NT', 'NT+bias', 'NN', 'TN'];

const wasm = createWasmKernels() as ArenaKernels;

describe('WebAssembly SIMD kernels', () => {
  it('load on Node 20, which has fixed-width SIMD', () => {
    expect(simdSupported()).toBe(true);
    expect(wasm).not.toBeNull();
    expect(wasm.name).toBe('wasm-simd');
    expect(fastestKernels().name).toBe('wasm-simd');
  });

  it('are null, so the plain kernels stay, where WebAssembly is missing, has no SIMD or may not compile', () => {
    const real = globalThis.WebAssembly;
    try {
      vi.stubGlobal('WebAssembly', undefined);
      expect(createWasmKernels()).toBeNull();
      expect(fastestKernels()).toBe(plainKernels);
      vi.stubGlobal('WebAssembly', { ...real, validate: () => false });
      expect(createWasmKernels()).toBeNull();
      // What a Content-Security-Policy without 'wasm-unsafe-eval' does.
      const refuse = function () { throw new Error('Refused to compile or instantiate WebAssembly module'); };
      vi.stubGlobal('WebAssembly', { ...real, validate: real.validate, Memory: real.Memory, Module: refuse });
      expect(createWasmKernels()).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(createWasmKernels()).not.toBeNull();
  });

  describe.each(LAYOUTS)('gemm %s equals the reference kernels', (layout) => {
    it.each(SHAPES)('%i×%i×%i on ordinary arrays (copied in and out)', (m, n, k) => {
      const o = operands(layout, m, n, k, m * 1000 + n * 10 + k, 5);
      run(wasm, layout, m, n, k, o);
      expectClose(layout, m, n, k, o, o.c);
      // Past the matrix, c is untouched.
      for (let i = m * n; i < o.c.length; i++) expect(o.c[i]).toBeNaN();
    });

    it.each(SHAPES)('%i×%i×%i on arrays from alloc() (used in place)', (m, n, k) => {
      const o = operands(layout, m, n, k, m + n + k);
      const inArena: Operands = {
        a: wasm.alloc(o.a.length),
        b: wasm.alloc(o.b.length),
        bias: o.bias ? wasm.alloc(o.bias.length) : undefined,
        c: wasm.alloc(o.c.length),
      };
      inArena.a.set(o.a);
      inArena.b.set(o.b);
      if (o.bias) inArena.bias?.set(o.bias);
      run(wasm, layout, m, n, k, inArena);
      expectClose(layout, m, n, k, o, inArena.c);
    });
  });

  describe('gemmNTRelu (fused forward of a ReLU layer)', () => {
    it.each(SHAPES)('%i×%i×%i: pre as gemmNT with bias, post = relu(pre) exactly', (m, n, k) => {
      for (const arena of [false, true]) {
        const o = operands('NT+bias', m, n, k, 7 * m + n + k, 3);
        const at = (x: Float32Array): Float32Array => {
          if (!arena) return x;
          const copy = wasm.alloc(x.length);
          copy.set(x);
          return copy;
        };
        const pre = at(o.c);
        const post = at(new Float32Array(m * n + 3).fill(Number.NaN));
        wasm.gemmNTRelu(m, n, k, at(o.a), at(o.b), pre, post, at(o.bias as Float32Array));
        expectClose('NT+bias', m, n, k, o, pre);
        const relu = new Float32Array(m * n);
        activate('relu', 0, pre, relu, m * n);
        expect(Array.from(post.subarray(0, m * n))).toEqual(Array.from(relu));
        expect(post.subarray(m * n).every(Number.isNaN)).toBe(true);
      }
    });

    it('gives +0 for 0, -0 and NaN pre-activations, like activations.ts', () => {
      // k = 1 and a = [1]: pre is B's column itself; 9 values cover the SIMD loop and its scalar tail.
      const b = Float32Array.of(Number.NaN, -0, 0, -1, 1, 2, -3, Number.NaN, -0);
      const pre = new Float32Array(9);
      const post = new Float32Array(9).fill(7);
      wasm.gemmNTRelu(1, 9, 1, Float32Array.of(1), b, pre, post);
      expect(Array.from(post)).toEqual([0, 0, 0, 0, 1, 2, 0, 0, 0]);
      expect(post.every((v) => !Object.is(v, -0))).toBe(true);
    });
  });

  describe('reluBackward', () => {
    it('passes gradPost where pre > 0 and +0 elsewhere (0, -0, NaN), bit for bit as activations.ts, in and out of the arena', () => {
      // 11 values: the SIMD loop and its scalar tail.
      const pre = Float32Array.of(Number.NaN, -0, 0, -1, 1, 2, -3, Number.NaN, 5e-39, -5e-39, 3);
      const gradPost = Float32Array.of(1, 2, 3, 4, -0, 6, 7, 8, -9, 10, 0.1);
      const expected = new Float32Array(11);
      activateBackward('relu', 0, pre, new Float32Array(11), gradPost, expected, 11);
      for (const arena of [false, true]) {
        const place = (x: Float32Array): Float32Array => (arena ? copyInto(wasm.alloc(x.length), x) : x);
        const gradPre = place(new Float32Array(11).fill(7));
        wasm.reluBackward(place(pre), place(gradPost), gradPre, 11);
        expect(signedZeros(gradPre)).toEqual(signedZeros(expected));
      }
      expect(signedZeros(expected)).toEqual([0, 0, 0, 0, '-0', 6, 0, 0, -9, 0, Math.fround(0.1)]);
    });

    it('finds, when asked, the range minMax would find over what it wrote: NaN, signed zeros and all', () => {
      const rng = new Rng(12);
      const cases: Float32Array[][] = [];
      for (const n of [0, 3, 64, 1003]) {
        const pre = Float32Array.from({ length: n }, () => rng.normal());
        cases.push([pre, Float32Array.from({ length: n }, () => rng.normal())]);
      }
      const pre = Float32Array.from({ length: 43 }, (_, i) => i - 20);
      // Zeros only, one of them -0; a NaN in the vector part; one in the scalar tail.
      cases.push([pre, Float32Array.from({ length: 40 }, (_, i) => (i === 30 ? -0 : 0))]);
      cases.push([pre, Float32Array.from({ length: 40 }, (_, i) => (i === 25 ? NaN : i))]);
      cases.push([pre, Float32Array.from({ length: 43 }, (_, i) => (i === 42 ? NaN : i))]);
      for (const [p, g] of cases) {
        const n = Math.min(p.length, g.length);
        const gradPre = new Float32Array(n);
        const range = { min: 7, max: 7 };
        wasm.reluBackward(p, g, gradPre, n, range);
        const want = { min: 0, max: 0 };
        minMax(gradPre, n, want);
        expect(range).toEqual(want);
      }
    });
  });

  it('match the layer shapes of the MNIST network, forward and backward', () => {
    for (const [layout, m, n, k] of [['NT+bias', 64, 256, 784], ['TN', 256, 784, 64], ['NN', 64, 256, 128]] as const) {
      const o = operands(layout, m, n, k, 42);
      run(wasm, layout, m, n, k, o);
      expectClose(layout, m, n, k, o, o.c);
    }
  });

  it('alloc() hands out zeroed, disjoint arrays in the kernels memory, then ordinary ones when the arena is full', () => {
    const small = createWasmKernels({ arenaBytes: 1024 }) as ArenaKernels;
    const first = small.alloc(100);
    const second = small.alloc(100);
    expect([...first, ...second].every((v) => v === 0)).toBe(true);
    expect(first.buffer).toBe(second.buffer);
    first.fill(1);
    expect(second.every((v) => v === 0)).toBe(true);
    const overflow = small.alloc(1000);
    expect(overflow.buffer).not.toBe(first.buffer);
    expect(overflow.length).toBe(1000);
  });

  it('alloc() takes back the bytes of arrays that are garbage, so rebuilt networks reuse them', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest.config.ts starts the workers with --expose-gc').toBeTypeOf('function');
    const small = createWasmKernels({ arenaBytes: 4096 }) as ArenaKernels;
    const rebuild = () => {
      const weights = small.alloc(900);
      weights.fill(7);
      return weights.buffer;
    };
    const memory = rebuild();
    // The arena holds one 3600-byte array at a time: the second would be an ordinary array unless the first came back.
    for (let attempt = 0; attempt < 20; attempt++) {
      gc!();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const again = small.alloc(900);
      if (again.buffer === memory) {
        expect(again.every((v) => v === 0)).toBe(true);
        return;
      }
    }
    expect.fail('the first array’s bytes never came back to the arena');
  });

  it('keep a network’s parameters in their memory before its per-sample buffers, which are the ones left out when it runs short', () => {
    const spec = { inputs: 20, layers: [30, 3].map((units) => ({ units, activation: { kind: 'relu' as const }, init: 'he-normal' as const, bias: null })), loss: 'mse' as const };
    // Room for the parameters and gradients (2 × (20·30 + 30 + 30·3 + 3) floats, 5.8 kB) and one of the first layer's four per-sample buffers (4 × 30 floats).
    const small = createWasmKernels({ arenaBytes: 6400 }) as ArenaKernels;
    const inMemory = small.alloc(1).buffer;
    const net = new Network(spec, 4, small);
    // Names, not buffers: a failed comparison of two buffers would print the whole memory.
    const outside = net.layers.flatMap((l) => Object.entries({ weight: l.weight, bias: l.bias, gradWeight: l.gradWeight, gradBias: l.gradBias, pre: l.pre, post: l.post, gradPre: l.gradPre })
      .filter(([, a]) => a.buffer !== inMemory).map(([name]) => `layers.${l.index}.${name}`));
    expect(outside).toEqual(['layers.0.post', 'layers.0.gradPre', 'layers.1.post', 'layers.1.gradPre']);
  });

  it('never grows its memory under arrays from alloc(): a call too big for the copy area runs on the plain kernels, correctly', () => {
    const small = createWasmKernels({ arenaBytes: 4096, scratchBytes: 1024 }) as ArenaKernels;
    const kept = small.alloc(16);
    kept.fill(3);
    // 75 KB of operands: more than the one 64 KiB page the memory has.
    const [m, n, k] = [100, 60, 80];
    const o = operands('NT+bias', m, n, k, 9);
    const fallback = vi.spyOn(plainKernels, 'gemmNT');
    try {
      small.gemmNT(m, n, k, o.a, o.b, o.c, o.bias);
      expect(fallback).toHaveBeenCalledTimes(1);
    } finally {
      fallback.mockRestore();
    }
    expectClose('NT+bias', m, n, k, o, o.c);
    expect(kept.length).toBe(16);
    expect(kept.every((v) => v === 3)).toBe(true);
  });

  it('need no copy area for operands from alloc(), however large', () => {
    const [m, n, k] = [24, 40, 36];
    const small = createWasmKernels({ arenaBytes: 4 * (m * k + n * k + m * n + n) + 64, scratchBytes: 0 }) as ArenaKernels;
    const o = operands('NT+bias', m, n, k, 11);
    const inArena: Operands = { a: small.alloc(m * k), b: small.alloc(n * k), bias: small.alloc(n), c: small.alloc(m * n) };
    inArena.a.set(o.a);
    inArena.b.set(o.b);
    inArena.bias?.set(o.bias as Float32Array);
    expect(inArena.c.buffer).toBe(inArena.a.buffer);
    const fallback = vi.spyOn(plainKernels, 'gemmNT');
    try {
      small.gemmNT(m, n, k, inArena.a, inArena.b, inArena.c, inArena.bias);
      expect(fallback).not.toHaveBeenCalled();
    } finally {
      fallback.mockRestore();
    }
    expectClose('NT+bias', m, n, k, o, inArena.c);
  });

  it('keep their memory out of sight of printing and diffing (a failed expect must not walk 48 MB of floats)', () => {
    for (const value of Object.values(wasm)) {
      expect(ArrayBuffer.isView(value) || value instanceof WebAssembly.Memory).toBe(false);
    }
  });

  it('refuse operands shorter than their shapes', () => {
    expect(() => wasm.gemmNN(4, 4, 4, new Float32Array(15), new Float32Array(16), new Float32Array(16))).toThrow(/operand a holds 15 values, the shapes need 16/);
    expect(() => wasm.gemmTN(4, 4, 4, new Float32Array(16), new Float32Array(16), new Float32Array(3))).toThrow(/result c holds 3/);
  });
});

describe('the relaxed-SIMD build (fused multiply-add)', () => {
  // Node 20 has relaxed SIMD only behind a flag, so this runs the comparison in a child Node that has it.
  it('is chosen where relaxed SIMD exists and equals the reference kernels on every layout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-relaxed-'));
    try {
      const root = fileURLToPath(new URL('../..', import.meta.url));
      const entry = `
        import { createWasmKernels } from './src/core/kernels/wasm/index';
        import { referenceKernels } from './src/core/kernels/reference';
        const k = createWasmKernels();
        let worst = 0;
        for (const [m, n, k_] of [[1, 1, 1], [3, 5, 7], [13, 17, 19], [9, 33, 65], [64, 10, 128]]) {
          for (const layout of ['NT', 'NN', 'TN']) {
            const rnd = (len) => Float32Array.from({ length: len }, (_, i) => Math.sin(i * 12.9898 + m * 78.233 + n) );
            const a = rnd(m * k_), b = rnd(n * k_), bias = rnd(n);
            const got = new Float32Array(m * n), want = new Float32Array(m * n), scale = new Float32Array(m * n);
            const abs = (x) => x.map(Math.abs);
            const call = (K, a, b, c, bias) => layout === 'NT' ? K.gemmNT(m, n, k_, a, b, c, bias) : layout === 'NN' ? K.gemmNN(m, n, k_, a, b, c) : K.gemmTN(m, n, k_, a, b, c);
            call(k, a, b, got, bias); call(referenceKernels, a, b, want, bias); call(referenceKernels, abs(a), abs(b), scale, abs(bias));
            for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1e-5 * scale[i] + 1e-30));
          }
        }
        console.log(JSON.stringify({ name: k.name, worst }));
      `;
      const outfile = join(dir, 'check.mjs');
      await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'error' });
      const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', outfile], { encoding: 'utf8' });
      expect(child.stderr).toBe('');
      const result = JSON.parse(child.stdout) as { name: string; worst: number };
      expect(result.name).toBe('wasm-simd-fma');
      // worst = largest |error| in units of the tolerance 1e-5 · Σ|a·b|.
      expect(result.worst).toBeLessThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not used when fusedMultiplyAdd is false', () => {
    expect(createWasmKernels({ fusedMultiplyAdd: false })?.name).toBe('wasm-simd');
  });
});

describe('kernels-binary.ts', () => {
  it('is exactly what scripts/build-wasm.mjs assembles from kernels.wat', async () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(await assembleKernels());
  });
});

// Training on the WebAssembly kernels must give PyTorch's losses as the plain path does.
const trainingCases = golden.cases.flatMap((c) => c.training.map((t) => [c.id, JSON.stringify(t.optimizer), c, t] as const));

/** The golden README's tolerance for five optimizer steps. */
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-4 + 1e-4 * Math.abs(expected);
}

function lossesOf(c: MlpCase, t: TrainingCase, kernels: Kernels): number[] {
  const net = loadedNetwork(c, c.x.length, kernels);
  const { x, y, labels, batch, width } = batchOf(c);
  const optimizer = createOptimizer(optimizerSpecOf(t.optimizer), net.params(), net.kernels);
  const dOutput = new Float32Array(batch * width);
  const losses: number[] = [];
  for (let step = 0; step < t.steps; step++) {
    const out = net.forward(x, batch);
    losses.push(LOSSES[c.loss].forward(out, y, labels, batch, width));
    LOSSES[c.loss].backward(out, y, labels, batch, width, dOutput);
    net.backward(x, dOutput, batch);
    optimizer.step();
  }
  return losses;
}

describe.each(trainingCases)('training MLP %s with %s on the wasm kernels', (_, __, c, t) => {
  it('gives PyTorch losses before every step, as the plain kernels do', () => {
    const onWasm = lossesOf(c, t, wasm);
    const onPlain = lossesOf(c, t, plainKernels);
    expect(t.lossesBeforeEachStep.length).toBeGreaterThan(0);
    expect(onWasm).toHaveLength(t.lossesBeforeEachStep.length);
    onWasm.forEach((loss, step) => {
      if (!close(loss, t.lossesBeforeEachStep[step])) expect.fail(`step ${step}: loss ${loss}, PyTorch ${t.lossesBeforeEachStep[step]}`);
      if (!close(loss, onPlain[step])) expect.fail(`step ${step}: loss ${loss} on wasm, ${onPlain[step]} on plain kernels`);
    });
  });
});

/** Values with -0 spelled out: toEqual tells -0 from +0 only inside objects, not as array elements in every version. */
function signedZeros(x: Float32Array): (number | string)[] {
  return Array.from(x, (v) => (Object.is(v, -0) ? '-0' : v));
}

function copyInto(into: Float32Array, from: Float32Array): Float32Array {
  into.set(from);
  return into;
}
