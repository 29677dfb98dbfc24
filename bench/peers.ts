// The native peers: numpy and PyTorch (CPU) on the same cases, each in its
// own Python process, with one thread and with two, at their best on these
// machines (see PEER_ENV). Where no interpreter imports a peer's library,
// that peer is missing from the table (n/a).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchCase, CaseId } from './cases';
import type { TimingPolicy } from './timing';

export type Peer = 'numpy' | 'torch';

export interface PeerRun {
  peer: Peer;
  threads: number;
  /** What ran: the library's version and the BLAS it loaded, with its kernel, as the process itself reports them. */
  label: string;
  medianMs: Map<CaseId, number>;
}

/**
 * glibc hands a freed block over its trim threshold back to the kernel, and
 * the next step's allocation faults its pages in again: expensive on these
 * sandboxed machines, where numpy and torch, which allocate their
 * temporaries every step, then look several times slower than they are.
 * 32 MiB is the largest mmap threshold glibc accepts on 64-bit systems.
 */
export const PEER_MALLOC = { MALLOC_MMAP_THRESHOLD_: '33554432', MALLOC_TRIM_THRESHOLD_: '1073741824' };
/** Overrides that pin OpenBLAS to an older kernel or cache size (set on these machines for old builds): a user's numpy runs without them. */
export const PEER_UNSET = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

/** The peers' environment, and a line that says what was set and unset (and what the unset ones were). */
export function peerEnvironment(threads: number): { env: NodeJS.ProcessEnv; description: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...PEER_MALLOC };
  for (const name of PEER_UNSET) delete env[name];
  const count = String(threads);
  Object.assign(env, { OPENBLAS_NUM_THREADS: count, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count });
  const unset = PEER_UNSET.map((n) => `${n} (here ${process.env[n] === undefined ? 'not set' : `"${process.env[n]}"`})`).join(' and ');
  const set = Object.entries(PEER_MALLOC).map(([k, v]) => `${k}=${v}`).join(' ');
  return { env, description: `peers run with ${set}, OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = the thread count, without ${unset}` };
}

const CANDIDATES = ['python3', '/usr/bin/python3', 'python'];

function imports(python: string, modules: string): boolean {
  return spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The interpreter for each peer: the first (BENCH_PYTHON, then python3 on
 * PATH, /usr/bin/python3, python) that imports both numpy and torch, so the
 * two peers share one BLAS; otherwise the first that imports the peer's own.
 */
export function findPythons(): Record<Peer, string | null> {
  const candidates = [process.env.BENCH_PYTHON, ...CANDIDATES].filter((p): p is string => !!p);
  const both = candidates.find((p) => imports(p, 'numpy, torch'));
  if (both) return { numpy: both, torch: both };
  return { numpy: candidates.find((p) => imports(p, 'numpy')) ?? null, torch: candidates.find((p) => imports(p, 'torch')) ?? null };
}

/** One peer with `threads` threads; null (and the reason on stderr) if its process failed. */
export function runPeer(peer: Peer, python: string, threads: number, cases: BenchCase[], timing: TimingPolicy, benchDir: string, extraEnv: Record<string, string> = {}): PeerRun | null {
  const script = join(benchDir, 'python', `${peer}_cases.py`);
  const result = spawnSync(python, [script], {
    input: JSON.stringify({ cases, timing }),
    env: { ...peerEnvironment(threads).env, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) {
    console.error(`\n${peer} bench failed (${python} ${script}):\n${result.stderr}`);
    return null;
  }
  const parsed = JSON.parse(result.stdout) as { version: string; blas: string; results: { id: CaseId; medianMs: number }[] };
  return {
    peer,
    threads,
    label: `${peer} ${parsed.version} on ${python}: ${parsed.blas}`,
    medianMs: new Map(parsed.results.map((r) => [r.id, r.medianMs])),
  };
}

/**
 * PyTorch on more than one thread runs OpenMP's threads beside OpenBLAS's
 * own, and OpenMP's spin while they wait for work: on two cores that took
 * the cores from OpenBLAS ((a) here 2.1 ms instead of 1.1), while letting
 * them sleep (OMP_WAIT_POLICY=PASSIVE) made the small case (c) twice as
 * slow. Each case keeps the better of the two, and the label says which.
 */
export function runTorchAtBest(python: string, threads: number, cases: BenchCase[], timing: TimingPolicy, benchDir: string): PeerRun | null {
  const spinning = runPeer('torch', python, threads, cases, timing, benchDir);
  if (threads < 2) return spinning;
  const sleeping = runPeer('torch', python, threads, cases, timing, benchDir, { OMP_WAIT_POLICY: 'PASSIVE' });
  if (!spinning || !sleeping) return spinning ?? sleeping;
  const medianMs = new Map<CaseId, number>();
  const passive: CaseId[] = [];
  for (const c of cases) {
    const a = spinning.medianMs.get(c.id);
    const b = sleeping.medianMs.get(c.id);
    if (a === undefined || b === undefined) continue;
    medianMs.set(c.id, Math.min(a, b));
    if (b < a) passive.push(c.id);
  }
  const policy = `the better per case of OpenMP's default wait policy and OMP_WAIT_POLICY=PASSIVE (PASSIVE for ${passive.length ? passive.map((id) => `(${id})`).join(' ') : 'none'})`;
  return { ...spinning, label: `${spinning.label}; ${policy}`, medianMs };
}
