/**
 * The runs being compared: each read through its own source and reader
 * worker, keeping only what the comparison draws (per layer, the
 * never-active share and the sparsity at each record), thinned by halves
 * past a bound so a long run stays small. Live runs keep growing here too.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { RunInfo } from '../../../core/rundir/format';
import type { RunRecord } from '../../../core/rundir/records';
import { feedRun } from '../../runs/runFeed';
import type { RunSource } from '../../runs/source';
import { seedGroup, type RunSeries } from './compareFigures';

/** Records kept per run before every other one is dropped. */
const MAX_POINTS = 4000;

export interface ComparedRun extends RunSeries {
  key: number;
  status: 'reading' | 'ready';
  problems: number;
}

interface CompareRunsState {
  runs: ComparedRun[];
  version: number;
}

export const compareRunsStore = createStore<CompareRunsState>(() => ({ runs: [], version: 0 }));

export function useComparedRuns<T>(selector: (s: CompareRunsState) => T): T {
  return useStore(compareRunsStore, selector);
}

const stops = new Map<number, () => void>();
let nextKey = 1;

function update(key: number, change: (run: ComparedRun) => void): void {
  const runs = compareRunsStore.getState().runs;
  const run = runs.find((r) => r.key === key);
  if (!run) return;
  change(run);
  compareRunsStore.setState((s) => ({ runs: [...s.runs], version: s.version + 1 }));
}

function halve(run: ComparedRun): void {
  const keep = (_: unknown, i: number) => i % 2 === 0 || i === run.steps.length - 1;
  run.steps = run.steps.filter(keep);
  run.neverShare = run.neverShare.map((l) => l.filter(keep));
  run.sparsity = run.sparsity.map((l) => l.filter(keep));
}

function addRecords(run: ComparedRun, info: RunInfo | null, records: readonly RunRecord[]): void {
  for (const r of records) {
    r.layers.forEach((layer, l) => {
      const units = info?.layers[l]?.units ?? r.units?.[l]?.activationRate.length ?? 0;
      (run.neverShare[l] ??= []).push(units > 0 ? layer.deadCount / units : NaN);
      (run.sparsity[l] ??= []).push(layer.inactiveFraction);
    });
    run.steps.push(r.step);
    if (run.steps.length > MAX_POINTS) halve(run);
  }
}

/** Adds a run to the comparison; its group is its name without the seed part. */
export function compareRun(source: RunSource): void {
  const key = nextKey++;
  const run: ComparedRun = { key, label: source.label, group: seedGroup(source.label), layerNames: [], steps: [], neverShare: [], sparsity: [], status: 'reading', problems: 0 };
  compareRunsStore.setState((s) => ({ runs: [...s.runs, run], version: s.version + 1 }));
  let info: RunInfo | null = null;
  stops.set(key, feedRun(source, {
    info(next) {
      info = next;
      update(key, (r) => {
        r.layerNames = next.layers.map((l) => l.name);
        if (next.name !== source.label) {
          r.label = next.name;
          r.group = seedGroup(next.name);
        }
      });
    },
    records(records) {
      update(key, (r) => addRecords(r, info, records));
    },
    problem() {
      update(key, (r) => r.problems++);
    },
    restart() {
      update(key, (r) => {
        r.steps = [];
        r.neverShare = [];
        r.sparsity = [];
      });
    },
    progress(p) {
      if (p.caughtUp) update(key, (r) => (r.status = 'ready'));
    },
    // A comparison draws the metrics only: the units lines need not be read at all.
  }, { unitsBudget: 0 }));
}

export function removeComparedRun(key: number): void {
  stops.get(key)?.();
  stops.delete(key);
  compareRunsStore.setState((s) => ({ runs: s.runs.filter((r) => r.key !== key), version: s.version + 1 }));
}

export function clearComparison(): void {
  for (const run of compareRunsStore.getState().runs) removeComparedRun(run.key);
}

/** Renames a run's group (to put seeds of one setting together, or apart). */
export function setRunGroup(key: number, group: string): void {
  update(key, (r) => (r.group = group.trim() || r.label));
}
