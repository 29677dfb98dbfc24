/**
 * The run viewer's state: which run is open (a folder read through a
 * RunSource, a run served by `relu-lab serve`, or a run JSON the app
 * exported), what has been read of it, and its own history — the lab's run
 * and design stay as they were, to come back to. The records arrive from the
 * reader worker (runFeed.ts) and go into the history the instruments draw.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { runActivity, type RunActivity } from '../../core/rundir/activity';
import { parseExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import type { RunInfo } from '../../core/rundir/format';
import type { RunProblem, RunRecord } from '../../core/rundir/records';
import type { RunListing } from '../../core/rundir/served';
import { RunHistory, type HistoryLayer, type HistoryRecord } from '../history';
import type { FeedProgress } from '../runs/runFeed';
import { feedRun } from '../runs/runFeed';
import type { RunSource } from '../runs/source';
import { historyLayers, historyRecord } from './historyRecord';

export type RunOrigin = 'folder' | 'served' | 'json';

export interface OpenRun {
  /** Increments with every run opened: late events of a closed run are told apart by it. */
  key: number;
  /** The folder's or file's own name. */
  label: string;
  origin: RunOrigin;
  /** run.json (or what the records told, `inferred`); null before it is read. */
  info: RunInfo | null;
  inferred: boolean;
  /** The experiment a ReLU Lab run trained (from run.json or the exported JSON); null for PyTorch runs. */
  experiment: Experiment | null;
  /** Problems with the files, named by file and line, as the reader found them (the first ones). */
  problems: RunProblem[];
  progress: FeedProgress;
  records: number;
  lastStep: number | null;
  /** The last record was the final one: the run ended normally. */
  final: boolean;
  /** Records whose loss was not finite. */
  nonFinite: number;
  activity: RunActivity | 'loading';
}

export interface ViewerState {
  /** 'lab': the builder and its live run; 'run': a run opened for viewing; 'runs': the run list of `relu-lab serve`; 'compare': runs overlaid. */
  mode: 'lab' | 'run' | 'runs' | 'compare';
  run: OpenRun | null;
  history: RunHistory;
  historyVersion: number;
  /** Per layer, units seen never active at some record: one now active again has revived. */
  everNever: Uint8Array[];
  /** The unit whose rate over time is shown. */
  selectedUnit: { layer: number; unit: number } | null;
  /** Set when the page was served by `relu-lab serve`: its runs, and a problem reaching it. */
  served: { runs: RunListing[]; error: string | null } | null;
}

/** Problems kept per run: the first ones tell what is wrong; the count says how many there were. */
const PROBLEMS_KEPT = 50;
/** How often "live" is checked against the clock (a run that stops growing turns stalled). */
const ACTIVITY_EVERY_MS = 5_000;

const NO_PROGRESS: FeedProgress = { bytes: 0, total: null, caughtUp: false, following: false, growths: 0 };

export const viewerStore = createStore<ViewerState>(() => ({
  mode: 'lab',
  run: null,
  history: new RunHistory(),
  historyVersion: 0,
  everNever: [],
  selectedUnit: null,
  served: null,
}));

export function useViewer<T>(selector: (s: ViewerState) => T): T {
  return useStore(viewerStore, selector);
}

/** While a folder is first read, views redraw this often at most: drawing every batch of a 300 MB folder would take the page from the reading. */
const LOADING_REDRAW_MS = 1500;

/**
 * The history's version as the views should draw it: every change once the
 * run has been read (live records, a few a second at most), but while the
 * folder is first read at most one every LOADING_REDRAW_MS — the last one
 * always arrives.
 */
export function useShownVersion(): number {
  const [shown, setShown] = useState(() => get().historyVersion);
  useEffect(() => {
    let timer = 0;
    const show = () => {
      timer = 0;
      setShown(get().historyVersion);
    };
    // A subscription rather than a selector: a component re-renders when the shown version moves, not at every batch read.
    const unsubscribe = viewerStore.subscribe((s) => {
      const loading = s.run !== null && !s.run.progress.caughtUp;
      if (!loading) {
        window.clearTimeout(timer);
        show();
      } else if (!timer) {
        timer = window.setTimeout(show, LOADING_REDRAW_MS);
      }
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, []);
  return shown;
}

const get = viewerStore.getState;
const history = () => get().history;
const set = viewerStore.setState;

let stopFeed: (() => void) | null = null;
/** The open run's source: a comparison reads it again through a source of its own start. */
let openSource: RunSource | null = null;
let activityTimer: ReturnType<typeof setInterval> | null = null;
let nextKey = 1;
/** When the open run last caught up or grew (performance.now()): the clock "live" is measured on. */
let lastSign = 0;

function patchRun(key: number, patch: (run: OpenRun) => Partial<OpenRun>): void {
  set((s) => (s.run && s.run.key === key ? { run: { ...s.run, ...patch(s.run) } } : {}));
}

/** A ReLU Lab run's experiment, if run.json holds a valid one. */
function experimentOf(info: RunInfo): Experiment | null {
  if (info.experiment === undefined) return null;
  try {
    return parseExperiment(info.experiment);
  } catch {
    return null;
  }
}

function currentActivity(run: OpenRun): RunActivity | 'loading' {
  if (!run.progress.caughtUp) return 'loading';
  if (!run.progress.following) return run.final ? 'finished' : 'stalled';
  return runActivity(run.final, performance.now() - lastSign);
}

function begin(label: string, origin: RunOrigin): number {
  closeRun(false);
  const key = nextKey++;
  get().history.clear();
  set((s) => ({
    everNever: [],
    mode: 'run',
    selectedUnit: null,
    historyVersion: s.historyVersion + 1,
    run: { key, label, origin, info: null, inferred: false, experiment: null, problems: [], progress: NO_PROGRESS, records: 0, lastStep: null, final: false, nonFinite: 0, activity: 'loading' },
  }));
  activityTimer = setInterval(() => {
    const run = get().run;
    if (!run) return;
    const activity = currentActivity(run);
    if (activity !== run.activity) patchRun(run.key, () => ({ activity }));
  }, ACTIVITY_EVERY_MS);
  return key;
}

function noteNeverActive(everNever: Uint8Array[], record: HistoryRecord): void {
  record.layers.forEach((layer, l) => {
    const rates = layer.activationRate;
    if (!rates) return;
    if (!everNever[l] || everNever[l].length !== rates.length) everNever[l] = new Uint8Array(rates.length);
    const seen = everNever[l];
    for (let u = 0; u < rates.length; u++) if (rates[u] === 0) seen[u] = 1;
  });
}

/** Appends records to the history; one store update for the whole batch. */
function addRecords(key: number, records: HistoryRecord[], raw: readonly Pick<RunRecord, 'step' | 'final' | 'nonFinite'>[]): void {
  const s = get();
  if (!s.run || s.run.key !== key || records.length === 0) return;
  for (const r of records) {
    s.history.append(r);
    noteNeverActive(s.everNever, r);
  }
  const last = raw[raw.length - 1];
  set({ historyVersion: s.historyVersion + 1 });
  patchRun(key, (run) => {
    const next = { ...run, records: run.records + records.length, lastStep: last.step, final: last.final, nonFinite: run.nonFinite + raw.filter((r) => r.nonFinite).length };
    return { ...next, activity: currentActivity(next) };
  });
}

/** Opens a run folder: reads it through `source` (and follows it where the source follows). */
export function openRunSource(source: RunSource, origin: RunOrigin = 'folder'): void {
  const key = begin(source.label, origin);
  openSource = source;
  let info: RunInfo | null = null;
  stopFeed = feedRun(source, {
    info(next, inferred) {
      info = next;
      if (!inferred) get().history.defineLayers(historyLayers(next));
      patchRun(key, () => ({ info: next, inferred, label: inferred ? source.label : next.name, experiment: experimentOf(next) }));
    },
    records(records) {
      if (!info) return;
      const known = info;
      addRecords(key, records.map((r) => historyRecord(r, known)), records);
    },
    problem(problem) {
      patchRun(key, (run) => ({ problems: run.problems.length < PROBLEMS_KEPT ? [...run.problems, problem] : run.problems }));
    },
    restart() {
      const s = get();
      if (info && !s.run?.inferred) s.history.defineLayers(historyLayers(info));
      else s.history.clear();
      set((st) => ({ historyVersion: st.historyVersion + 1, selectedUnit: null, everNever: [] }));
      patchRun(key, () => ({ records: 0, lastStep: null, final: false, nonFinite: 0 }));
    },
    progress(progress) {
      const shown = get().run?.progress;
      const grew = progress.growths !== (shown?.growths ?? 0);
      const caughtUpNow = progress.caughtUp && !shown?.caughtUp;
      if (grew || caughtUpNow) lastSign = performance.now();
      patchRun(key, (run) => {
        const next = { ...run, progress };
        return { progress, activity: currentActivity(next) };
      });
    },
  }, { unitsBudget: history().limits.points });
}

/** Opens a run the app exported as JSON (`relu-lab/run@1`): the history it holds, whole. */
export function openRunHistory(label: string, layers: HistoryLayer[], records: HistoryRecord[], info: RunInfo | null, experiment: Experiment | null): void {
  const key = begin(label, 'json');
  const s = get();
  s.history.defineLayers(layers);
  for (const r of records) {
    s.history.append(r);
    noteNeverActive(s.everNever, r);
  }
  set({ historyVersion: s.historyVersion + 1 });
  const last = records[records.length - 1];
  patchRun(key, () => ({
    info,
    experiment,
    label,
    records: records.length,
    lastStep: last ? last.step : null,
    final: true,
    progress: { ...NO_PROGRESS, caughtUp: true },
    activity: 'finished',
  }));
}

/** A problem with opening a run (the whole file refused): shown in the viewer's problem list. */
export function runProblem(label: string, problem: RunProblem): void {
  const key = begin(label, 'json');
  patchRun(key, () => ({ problems: [problem], progress: { ...NO_PROGRESS, caughtUp: true }, activity: 'stalled' }));
}

/** Stops reading the open run; `toLab` goes back to the lab (else to the run list, where there is one). */
export function closeRun(toLab = true): void {
  stopFeed?.();
  stopFeed = null;
  openSource = null;
  if (activityTimer) clearInterval(activityTimer);
  activityTimer = null;
  const mode: ViewerState['mode'] = toLab || !get().served ? 'lab' : 'runs';
  if (!get().run) return set({ mode });
  get().history.clear();
  set((s) => ({ run: null, selectedUnit: null, historyVersion: s.historyVersion + 1, mode }));
}

export function showLab(): void {
  closeRun(true);
}

export function showRunList(): void {
  closeRun(false);
}

/** Shows the comparison of runs (compareRunsStore.ts holds them); the open run stays open behind it. */
export function showComparison(): void {
  set({ mode: 'compare' });
}

/** The open run's folder source, for a comparison to read too (null for a run opened from JSON). */
export function openRunSourceAgain(): RunSource | null {
  return openSource;
}

/** Back from the comparison: to the open run, the run list, or the lab. */
export function leaveComparison(): void {
  set((s) => ({ mode: s.run ? 'run' : s.served ? 'runs' : 'lab' }));
}

export function selectRunUnit(unit: { layer: number; unit: number } | null): void {
  set({ selectedUnit: unit });
}

/** The page was served by `relu-lab serve`: its run list is the start screen. */
export function setServedRuns(runs: RunListing[] | null, error: string | null = null): void {
  set((s) => ({
    served: { runs: runs ?? s.served?.runs ?? [], error },
    mode: s.served === null && s.mode === 'lab' ? 'runs' : s.mode,
  }));
}
