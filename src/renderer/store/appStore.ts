/**
 * The renderer's one store. The experiment design is the source of truth;
 * the core is disposable and is told (`load`, `set`) whenever the design
 * changes. Core events are folded in by `receive`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseExperimentText, serializeExperiment, defaultExperiment } from '../../core/experiment/parse';
import { ValidationError } from '../../core/experiment/errors';
import type { Experiment, WeightsFile } from '../../core/experiment/types';
import type { Command, CoreEvent, DatasetInfo, Frame, RunState } from '../../core/protocol/messages';
import { emptyRevivals, trackRevivals, type RevivalState } from '../builder/unitState';
import { checkDesign, experimentToRaw } from './checkDesign';
import { noticeTitle, type Notice } from './notices';
import { createRunHistory, type HistoryLike } from './runHistory';
import { planSync } from './syncPlan';
import { pushState, redoState, startStack, undoState, type UndoStack } from './undoStack';

export interface RunStatus {
  state: RunState;
  step: number;
  epoch: number;
  totalSteps: number;
  samplesPerSecond: number;
}

export interface SelectedUnit {
  layer: number;
  unit: number;
}

export interface Checkpoint {
  step: number;
  weights: WeightsFile;
}

export interface AppState {
  design: UndoStack<Experiment>;
  /** Serialized design as last saved or opened: the document is dirty when it differs. */
  savedText: string;
  filePath: string | null;
  fileName: string | null;
  /** Texts of CSV files the design names, by `data.path` (sent with `load`: no core reads files). */
  files: Record<string, string>;
  run: RunStatus;
  dataset: DatasetInfo | null;
  frame: Frame | null;
  revivals: RevivalState;
  history: HistoryLike;
  historyVersion: number;
  checkpoint: Checkpoint | null;
  notices: Notice[];
  selected: SelectedUnit | null;
  /** True from a `load` until its `loaded`: the core is not running this design yet. */
  loading: boolean;
  theme: 'dark' | 'light';
  /** Training speed limit in steps per second (0: as fast as the core goes). A view preference, not part of the design. */
  speed: number;
}

/** The document's title as the header and the window show it. */
export function documentTitle(s: AppState): string {
  return s.fileName ?? s.design.present.name;
}

/** Serializations by design object: isDirty runs on every store change (30 frames a second). */
const serialized = new WeakMap<Experiment, string>();

function textOf(e: Experiment): string {
  let text = serialized.get(e);
  if (text === undefined) serialized.set(e, (text = serializeExperiment(e)));
  return text;
}

export function isDirty(s: AppState): boolean {
  return textOf(s.design.present) !== s.savedText;
}

type Send = (command: Command) => void;

export type AppStore = ReturnType<typeof createAppStore>;

const MERGE_WINDOW_MS = 1200;

/** Steps per second a new window trains at (0 would be full speed). */
export const DEFAULT_SPEED = 200;

const STALE_AFTER_LOAD = new Set<string>(['bad-data', 'bad-experiment', 'bad-weights', 'no-experiment', 'diverged', 'file']);

const IDLE: RunStatus = { state: 'empty', step: 0, epoch: 0, totalSteps: 0, samplesPerSecond: 0 };

export function createAppStore(initial: Experiment = defaultExperiment()) {
  const store: StoreApi<AppState> = createStore<AppState>(() => ({
    design: startStack(initial),
    savedText: serializeExperiment(initial),
    filePath: null,
    fileName: null,
    files: {},
    run: IDLE,
    dataset: null,
    frame: null,
    revivals: emptyRevivals(),
    history: createRunHistory(),
    historyVersion: 0,
    checkpoint: null,
    notices: [],
    selected: null,
    loading: false,
    theme: 'dark',
    // Small networks finish thousands of steps in a blink; the first run should be something to watch.
    speed: DEFAULT_SPEED,
  }));

  let send: Send = () => {};
  let lastEdit: { key: string | undefined; at: number } = { key: undefined, at: 0 };
  let nextNoticeId = 1;
  /** Called with the next explicit (non-checkpoint) `weights` event, e.g. to save it as a file. */
  let weightsWaiter: ((w: Checkpoint) => void) | null = null;

  const get = store.getState;
  const set = store.setState;
  const experiment = (): Experiment => get().design.present;

  function notify(notice: Omit<Notice, 'id'>): number {
    const id = nextNoticeId++;
    // Repeats of the same message replace the older one instead of stacking up.
    set((s) => ({ notices: [...s.notices.filter((n) => n.message !== notice.message).slice(-4), { ...notice, id }] }));
    return id;
  }

  function loadCommand(e: Experiment, resume?: Checkpoint): Command {
    const files = e.data.kind === 'csv' && get().files[e.data.path] !== undefined ? { [e.data.path]: get().files[e.data.path] } : undefined;
    return { type: 'load', experiment: experimentToRaw(e), ...(files ? { files } : {}), ...(resume ? { resume } : {}) };
  }

  function loadCurrent(resume?: Checkpoint): void {
    set({ loading: true, selected: null });
    send(loadCommand(experiment(), resume));
  }

  /** Brings the core in line after the design went from `prev` to the current one. */
  function sync(prev: Experiment): void {
    const s = get();
    const plan = planSync(prev, s.design.present, s.run.state !== 'empty' && !s.loading);
    if (plan.kind === 'load') loadCurrent();
    else if (plan.kind === 'set') plan.commands.forEach(send);
  }

  const actions = {
    /** Connects the store to a core (commands go through `sender`); `loadIntoCore` then sends the design. */
    attach(sender: Send): void {
      send = sender;
    },

    /** Sends the design to a (new) core; a fresh core starts at full speed, so it is told the chosen speed too. */
    loadIntoCore(resume?: Checkpoint): void {
      loadCurrent(resume);
      if (get().speed > 0) send({ type: 'set', path: 'run.stepsPerSecond', value: get().speed });
    },

    /**
     * Accepts a new design if the core's parser and the data-fit check accept
     * it; returns the refusal message otherwise (the previous design stays).
     */
    applyDesign(next: Experiment, mergeKey?: string): string | null {
      const check = checkDesign(next);
      if (!check.ok) return check.message;
      const prev = experiment();
      if (serializeExperiment(prev) === serializeExperiment(check.experiment)) return null;
      const now = Date.now();
      // A slider drag is one change for undo, not fifty.
      const merge = mergeKey !== undefined && lastEdit.key === mergeKey && now - lastEdit.at < MERGE_WINDOW_MS && get().design.past.length > 0;
      lastEdit = { key: mergeKey, at: now };
      set((s) => ({ design: merge ? { ...s.design, present: check.experiment, future: [] } : pushState(s.design, check.experiment) }));
      sync(prev);
      return null;
    },

    /** `mergeKey`: consecutive edits with the same key within a second or so undo as one. */
    edit(change: (e: Experiment) => Experiment, mergeKey?: string): string | null {
      return actions.applyDesign(change(experiment()), mergeKey);
    },

    undo(): void {
      lastEdit = { key: undefined, at: 0 };
      const prev = experiment();
      set((s) => ({ design: undoState(s.design) }));
      sync(prev);
    },

    redo(): void {
      const prev = experiment();
      set((s) => ({ design: redoState(s.design) }));
      sync(prev);
    },

    // ───────────── running

    toggleTrain(): void {
      const state = get().run.state;
      if (state === 'running') send({ type: 'pause' });
      else if (state === 'done' || state === 'diverged') {
        // Nothing left to train (or NaN weights): start the run over.
        send({ type: 'reset' });
        send({ type: 'play' });
      } else send({ type: 'play' });
    },

    step(n = 1): void {
      send({ type: 'step', n });
    },

    reset(seed?: number): void {
      send(seed === undefined ? { type: 'reset' } : { type: 'reset', seed });
    },

    selectUnit(unit: SelectedUnit | null): void {
      set({ selected: unit });
      send({ type: 'inspect', unit });
    },

    requestWeights(): Promise<Checkpoint> {
      return new Promise((resolve) => {
        weightsWaiter = resolve;
        send({ type: 'exportWeights' });
      });
    },

    // ───────────── documents

    newDocument(e: Experiment = defaultExperiment()): void {
      set({ design: startStack(e), savedText: serializeExperiment(e), filePath: null, fileName: null, checkpoint: null });
      loadCurrent();
    },

    /** Opens `.relu.json` text; returns the refusal message (naming the field) or null. */
    openDocument(text: string, name: string, path?: string): string | null {
      let e: Experiment;
      try {
        e = parseExperimentText(text, name);
      } catch (err) {
        return err instanceof ValidationError ? err.message : String(err);
      }
      set({ design: startStack(e), savedText: serializeExperiment(e), filePath: path ?? null, fileName: name, checkpoint: null });
      loadCurrent();
      if (e.data.kind === 'csv' && get().files[e.data.path] === undefined) {
        notify({ level: 'warning', code: 'file', title: 'Open the CSV file', message: `This experiment reads its data from "${e.data.path}". Open that CSV in the Data panel to train.` });
      }
      return null;
    },

    markSaved(name: string, path?: string | null): void {
      set({ savedText: serializeExperiment(experiment()), fileName: name, filePath: path ?? get().filePath });
    },

    /** Keeps a CSV's text for the core (it has no file system in the web build). */
    addFile(path: string, text: string): void {
      set((s) => ({ files: { ...s.files, [path]: text } }));
    },

    // ───────────── notices and the rest

    notify,

    dismiss(id: number): void {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },

    setTheme(theme: 'dark' | 'light'): void {
      set({ theme });
    },

    /** Slows training down to `stepsPerSecond` (0: full speed), so units can be watched dying. */
    setSpeed(stepsPerSecond: number): void {
      set({ speed: stepsPerSecond });
      send({ type: 'set', path: 'run.stepsPerSecond', value: stepsPerSecond });
    },

    /** Folds one validated core event into the state. */
    receive(event: CoreEvent): void {
      switch (event.type) {
        case 'ready':
          return;
        case 'loaded':
          get().history.clear();
          set((s) => ({
            dataset: event.dataset, frame: null, revivals: emptyRevivals(), loading: false, historyVersion: s.historyVersion + 1,
            // A fresh run answers the errors of the previous attempt.
            notices: s.notices.filter((n) => !n.code || !STALE_AFTER_LOAD.has(n.code)),
          }));
          return;
        case 'status':
          set({ run: { state: event.state, step: event.step, epoch: event.epoch, totalSteps: event.totalSteps, samplesPerSecond: event.samplesPerSecond } });
          return;
        case 'frame': {
          const s = get();
          s.history.append(event.frame);
          set({ frame: event.frame, revivals: trackRevivals(s.revivals, event.frame), historyVersion: s.historyVersion + 1 });
          return;
        }
        case 'weights': {
          const checkpoint = { step: event.step, weights: event.weights };
          if (event.checkpoint) set({ checkpoint });
          else if (weightsWaiter) {
            const w = weightsWaiter;
            weightsWaiter = null;
            w(checkpoint);
          }
          return;
        }
        case 'bornDead':
          return;
        case 'error':
          // The core's message is the whole account (a divergence: what it saw, what to try): shown as is, nothing added.
          if (get().loading && (event.code === 'bad-data' || event.code === 'bad-experiment' || event.code === 'bad-weights')) set({ loading: false, run: IDLE, frame: null, dataset: null });
          notify({ level: 'error', code: event.code, title: noticeTitle(event.code), message: event.message, detail: event.detail });
          return;
      }
    },
  };

  return { store, actions };
}
