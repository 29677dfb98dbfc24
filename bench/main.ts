// `npm run bench`: every case on our core, TensorFlow.js (cpu, wasm) and
// numpy, one after the other in one process, then the table, the target
// check and bench/results.json. Bundled and started by bench/run.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import type { Kernels } from '../src/core/kernels/types';
import { plainKernels } from '../src/core/kernels/plain';
import { createWasmKernels } from '../src/core/kernels/wasm/index';
import { nodeHelper } from '../src/core/host/node-threads';
import { CASES } from './cases';
import { gemmLayoutTable } from './gemm-layouts';
import { coreCase } from './core-cases';
import { runNumpy } from './numpy';
import { formatTable, formatTargets, resultRow, type Impl, type ResultRow } from './report';
import { tfjsCase, useTfBackend, type TfBackend } from './tfjs-cases';
import { medianMs, mediansInTurns, TIMING } from './timing';

/**
 * Our core as the CLI runs it ("relu-lab": the WebAssembly SIMD kernels,
 * with the helper thread where the machine has two cores), on one thread
 * as the browser runs it ("relu-lab-1t"), and on the plain-TS fallback.
 */
function coreImplementations(): { impl: Impl; kernels: Kernels }[] {
  // What the app and the CLI run (fastestKernels): SIMD without fused multiply-adds, deterministic across machines.
  const threads = nodeHelper();
  const wasm = createWasmKernels({ fusedMultiplyAdd: false, threads });
  if (!wasm) return [{ impl: 'relu-lab', kernels: plainKernels }];
  return [
    { impl: 'relu-lab', kernels: wasm },
    ...(threads ? [{ impl: 'relu-lab-1t' as const, kernels: createWasmKernels({ fusedMultiplyAdd: false })! }] : []),
    { impl: 'relu-lab-plain', kernels: plainKernels },
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
  const notes: string[] = [`${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`];

  const core = coreImplementations();
  for (const { impl, kernels } of core.filter((k) => wanted(k.impl))) {
    notes.push(`${impl}: ${kernels.name} kernels`);
    // In turns, so that (b)/(a) compares like with like (timing.ts).
    const medians = mediansInTurns(CASES.map((c) => coreCase(c, kernels)));
    CASES.forEach((c, i) => {
      rows.push(resultRow(c, impl, medians[i]));
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
      rows.push(resultRow(c, `tfjs-${backend}`, medianMs(run)));
      dispose();
      progress(rows);
    }
    if (backend === 'wasm' && wanted('relu-lab')) layouts = gemmLayoutTable(core[0].kernels);
  }

  const numpy = wanted('numpy') ? runNumpy(CASES, TIMING, join(benchDir, 'numpy_cases.py')) : null;
  if (wanted('numpy')) notes.push(numpy ? numpy.label : 'numpy: n/a (no python3 with numpy found)');
  for (const c of CASES) {
    const ms = numpy?.medianMs.get(c.id);
    if (ms !== undefined) rows.push(resultRow(c, 'numpy', ms));
  }

  process.stderr.write('\n');
  console.log(notes.join('\n'));
  console.log(`\n${formatTable(CASES, rows)}\n`);
  if (layouts) console.log(`${layouts}\n`);
  console.log(`Targets (ratios from this run):\n${formatTargets(rows)}\n`);
  const out = join(benchDir, 'results.json');
  writeFileSync(out, JSON.stringify({ cases: rows }, null, 2) + '\n');
  console.log(`Wrote ${out} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

function progress(rows: ResultRow[]): void {
  const r = rows[rows.length - 1];
  process.stderr.write(`\r  measured ${rows.length} (${r.impl} ${r.id}: ${r.medianMs.toFixed(3)} ms)      `);
}
