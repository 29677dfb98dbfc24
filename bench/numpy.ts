// Runs bench/numpy_cases.py with one BLAS thread, when a python3 with numpy
// is around; null otherwise (the table prints n/a).
import { spawnSync } from 'node:child_process';
import type { BenchCase, CaseId } from './cases';
import type { TimingPolicy } from './timing';

export interface NumpyRun {
  label: string;
  medianMs: Map<CaseId, number>;
}

const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function findPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3', 'python']) {
    const probe = spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

export function runNumpy(cases: BenchCase[], timing: TimingPolicy, script: string): NumpyRun | null {
  const python = findPython();
  if (!python) return null;
  const result = spawnSync(python, [script], {
    input: JSON.stringify({ cases, timing }),
    env: { ...process.env, ...ONE_THREAD },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) {
    console.error(`numpy bench failed (${python}):\n${result.stderr}`);
    return null;
  }
  const parsed = JSON.parse(result.stdout) as { version: string; results: { id: CaseId; medianMs: number }[] };
  return {
    label: `numpy ${parsed.version} (${python}, 1 BLAS thread)`,
    medianMs: new Map(parsed.results.map((r) => [r.id, r.medianMs])),
  };
}

