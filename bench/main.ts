// `npm run bench`: the machine's SIMD peak, then every case on our core,
// TensorFlow.js (cpu, wasm), numpy and PyTorch (each with one thread and
// with two), one after the other, then the table, the ratios, the target
// check and bench/results.json. Bundled and started by bench/run.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { Kernels } from '../src/core/kernels/types';
import { plainKernels } from '../src/core/kernels/plain';
import { createWasmKernels } from '../src/core/kernels/wasm/index';
import { nodeHelper } from '../src/core/host/node-threads';
import { CASES } from './cases';
import { gemmLayoutTable } from './gemm-layouts';
import { coreCase } from './core-cases';
import { findPythons, peerEnvironment, runPeer, runTorchAtBest, type Peer } from './peers';
import { formatMarkdown, formatPeerRatios, formatTable, formatTargets, resultRow, type Impl, type ResultRow } from './report';
import { measureSimdPeak, type SimdPeak } from './simd-peak';
import { tfjsCase, useTfBackend, type TfBackend } from './tfjs-cases';
import { medianMs, mediansInTurns, TIMING } from './timing';

/**
 * Our core as the CLI runs it ("relu-lab": the WebAssembly SIMD kernels,
 * with the helper thread where the machine has two cores), on one thread
 * as the browser runs it ("relu-lab-1t"), and on the plain-TS fallback.
 */
function coreImplementations(): { impl: Impl; threads: number; kernels: Kernels }[] {
  // What the app and the CLI run (fastestKernels): SIMD without fused multiply-adds, deterministic across machines.
  const helper = nodeHelper();
  const wasm = createWasmKernels({ fusedMultiplyAdd: false, threads: helper });
  if (!wasm) return [{ impl: 'relu-lab-plain', threads: 1, kernels: plainKernels }];
  return [
    ...(helper ? [{ impl: 'relu-lab' as const, threads: 2, kernels: wasm }] : []),
    { impl: 'relu-lab-1t', threads: 1, kernels: helper ? createWasmKernels({ fusedMultiplyAdd: false })! : wasm },
    { impl: 'relu-lab-plain', threads: 1, kernels: plainKernels },
  ];
}

/** `--only relu-lab,tfjs-wasm` limits the run to some implementations (development; results.json is then partial). */
function selectedImpls(argv: string[]): (impl: Impl) => boolean {
  const at = argv.indexOf('--only');
  if (at < 0) return () => true;
  const chosen = new Set((argv[at + 1] ?? '').split(','));
  return (impl) => chosen.has(impl);
}

export async function main(benchDir: string, argv: string[] = []): Promise<void> {
  const started = performance.now();
  const wanted = selectedImpls(argv);
  const rows: ResultRow[] = [];
  const load = loadavg().map((l) => l.toFixed(2)).join(', ');
  const notes: string[] = [`${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; load average at the start ${load}`];

  process.stderr.write('  measuring the 128-bit WebAssembly SIMD peak…');
  const peak: SimdPeak | null = await measureSimdPeak().catch((e: unknown) => {
    notes.push(`SIMD peak: n/a (${e instanceof Error ? e.message : String(e)})`);
    return null;
  });
  if (peak) {
    notes.push(`128-bit WebAssembly SIMD peak (register-only microkernel, ${peak.shape}): ${peak.oneThread.toFixed(1)} GFLOP/s on one thread, ${peak.twoThreads.toFixed(1)} on two`);
  }

  const core = coreImplementations();
  for (const { impl, threads, kernels } of core.filter((k) => wanted(k.impl))) {
    notes.push(`${impl}: ${kernels.name} kernels`);
    // In turns, so that (b)/(a) compares like with like (timing.ts).
    const medians = mediansInTurns(CASES.map((c) => coreCase(c, kernels)));
    CASES.forEach((c, i) => {
      rows.push(resultRow(c, impl, threads, medians[i]));
      progress(rows);
    });
  }

  let layouts = '';
  for (const backend of (['cpu', 'wasm'] as TfBackend[]).filter((b) => wanted(`tfjs-${b}`))) {
    try {
      notes.push(`tfjs-${backend}: ${await useTfBackend(backend)}`);
    } catch (error) {
      notes.push(`tfjs-${backend}: n/a (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    for (const c of CASES) {
      const { run, dispose } = tfjsCase(c);
      // tfjs-wasm in Node runs on one thread (no threaded build without cross-origin workers).
      rows.push(resultRow(c, `tfjs-${backend}`, 1, medianMs(run)));
      dispose();
      progress(rows);
    }
    if (backend === 'wasm' && wanted(core[0].impl)) layouts = gemmLayoutTable(core[0].kernels);
  }

  const pythons = findPythons();
  const peers: { peer: Peer; threads: number; impl: Impl }[] = [
    { peer: 'numpy', threads: 1, impl: 'numpy' },
    { peer: 'torch', threads: 1, impl: 'torch' },
    { peer: 'numpy', threads: 2, impl: 'numpy-2t' },
    { peer: 'torch', threads: 2, impl: 'torch-2t' },
  ];
  const chosen = peers.filter((p) => wanted(p.impl));
  if (chosen.length) notes.push(peerEnvironment(1).description);
  for (const { peer, threads, impl } of chosen) {
    const python = pythons[peer];
    const run = !python ? null : peer === 'torch' ? runTorchAtBest(python, threads, CASES, TIMING, benchDir) : runPeer(peer, python, threads, CASES, TIMING, benchDir);
    notes.push(`${impl}: ${run ? run.label : `n/a (${python ? 'its run failed, see above' : `no Python that imports ${peer} found`})`}`);
    for (const c of CASES) {
      const ms = run?.medianMs.get(c.id);
      if (ms !== undefined) rows.push(resultRow(c, impl, threads, ms));
    }
    if (run) progress(rows);
  }
  notes.push(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);

  process.stderr.write('\n');
  console.log(notes.join('\n'));
  console.log(`\n${formatTable(CASES, rows, peak)}\n`);
  console.log(`${formatPeerRatios(CASES, rows)}\n`);
  if (layouts) console.log(`${layouts}\n`);
  console.log(`Targets (ratios from this run):\n${formatTargets(rows)}\n`);
  console.log(`For the README (median ms; in brackets a peer's time over ours at its thread count):\n\n${formatMarkdown(CASES, rows, peak)}\n`);
  const out = join(benchDir, 'results.json');
  writeFileSync(out, JSON.stringify({ simdPeakGflops: peak ? { oneThread: round1(peak.oneThread), twoThreads: round1(peak.twoThreads) } : null, cases: rows }, null, 2) + '\n');
  console.log(`Wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

function progress(rows: ResultRow[]): void {
  const r = rows[rows.length - 1];
  process.stderr.write(`\r  measured ${rows.length} (${r.impl} ${r.id}: ${r.medianMs.toFixed(3)} ms)      `);
}
