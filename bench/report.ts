// Turns the measured medians into the rows of bench/results.json, the
// side-by-side table and the target check.
import { caseFlops, caseSamples, type BenchCase, type CaseId } from './cases';

export type Impl = 'relu-lab' | 'relu-lab-1t' | 'relu-lab-plain' | 'tfjs-cpu' | 'tfjs-wasm' | 'numpy';

/** One entry of bench/results.json (outside checks read exactly these fields). */
export interface ResultRow {
  id: CaseId;
  impl: Impl;
  medianMs: number;
  samplesPerSecond: number;
  gflops: number;
}

export function resultRow(c: BenchCase, impl: Impl, medianMs: number): ResultRow {
  return {
    id: c.id,
    impl,
    medianMs: round(medianMs, 4),
    samplesPerSecond: round((caseSamples(c) * 1000) / medianMs, 1),
    gflops: round(caseFlops(c) / (medianMs * 1e6), 3),
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const IMPL_ORDER: Impl[] = ['relu-lab', 'relu-lab-1t', 'relu-lab-plain', 'tfjs-cpu', 'tfjs-wasm', 'numpy'];

export function formatTable(cases: BenchCase[], rows: ResultRow[]): string {
  const lines = [
    pad('case', 42) + pad('impl', 16) + lpad('median ms', 11) + lpad('samples/s', 12) + lpad('GFLOP/s', 9) + lpad('× relu-lab time', 17),
  ];
  const measured = IMPL_ORDER.filter((impl) => rows.some((r) => r.impl === impl));
  for (const c of cases) {
    const ours = find(rows, c.id, 'relu-lab');
    let first = true;
    for (const impl of measured) {
      const r = find(rows, c.id, impl);
      const label = first ? `(${c.id}) ${c.title}` : '';
      first = false;
      if (!r) {
        lines.push(pad(label, 42) + pad(impl, 16) + lpad('n/a', 11));
        continue;
      }
      const ratio = ours ? `${(r.medianMs / ours.medianMs).toFixed(2)}×` : '';
      lines.push(
        pad(label, 42) + pad(impl, 16) + lpad(r.medianMs.toFixed(3), 11) + lpad(Math.round(r.samplesPerSecond).toString(), 12) +
          lpad(r.gflops.toFixed(2), 9) + lpad(ratio, 17),
      );
    }
  }
  return lines.join('\n');
}

interface Target {
  issue: number;
  what: string;
  /** The measured ratio and whether it meets the target; null when an implementation is missing. */
  check: (ms: (id: CaseId, impl: Impl) => number | undefined) => { ratio: number; ok: boolean } | null;
}

function speedup(id: CaseId, other: Impl, atLeast: number): Target['check'] {
  return (ms) => {
    const ours = ms(id, 'relu-lab');
    const theirs = ms(id, other);
    if (ours === undefined || theirs === undefined) return null;
    return { ratio: theirs / ours, ok: theirs / ours >= atLeast };
  };
}

function slowdown(id: CaseId, other: Impl | CaseId, atMost: number): Target['check'] {
  return (ms) => {
    const ours = ms(id, 'relu-lab');
    const base = other.length === 1 ? ms(other as CaseId, 'relu-lab') : ms(id, other as Impl);
    if (ours === undefined || base === undefined) return null;
    return { ratio: ours / base, ok: ours / base <= atMost };
  };
}

const TARGETS: Target[] = [
  { issue: 2, what: '(a) at least as fast as tfjs-wasm (tfjs-wasm / ours ≥ 1)', check: speedup('a', 'tfjs-wasm', 1) },
  { issue: 2, what: '(b) within 1.25× of (a)', check: slowdown('b', 'a', 1.25) },
  { issue: 7, what: '(a) ≥ 8× faster than tfjs-wasm', check: speedup('a', 'tfjs-wasm', 8) },
  { issue: 7, what: '(a) within 3× of numpy (ours / numpy ≤ 3)', check: slowdown('a', 'numpy', 3) },
  { issue: 7, what: '(b) ≤ 1.10× of (a)', check: slowdown('b', 'a', 1.1) },
  { issue: 7, what: '(c) ≥ 10× faster than tfjs-wasm', check: speedup('c', 'tfjs-wasm', 10) },
  { issue: 7, what: '(d) ≥ 3× faster than tfjs-wasm', check: speedup('d', 'tfjs-wasm', 3) },
  { issue: 7, what: '(d) within 3× of numpy (ours / numpy ≤ 3)', check: slowdown('d', 'numpy', 3) },
];

export function formatTargets(rows: ResultRow[]): string {
  const ms = (id: CaseId, impl: Impl): number | undefined => find(rows, id, impl)?.medianMs;
  return TARGETS.map((t) => {
    const result = t.check(ms);
    const mark = result === null ? '–' : result.ok ? '✓' : '✗';
    const value = result === null ? 'n/a' : `${result.ratio.toFixed(2)}×`;
    return `${mark} issue ${t.issue}: ${pad(t.what, 48)} ${value}`;
  }).join('\n');
}

function find(rows: ResultRow[], id: CaseId, impl: Impl): ResultRow | undefined {
  return rows.find((r) => r.id === id && r.impl === impl);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length);
}

function lpad(s: string, n: number): string {
  return s.length >= n ? ' ' + s : ' '.repeat(n - s.length) + s;
}
