/**
 * The link to the core: commands out (the design as `load` or `set`, the
 * run's controls, requests) and core events in, folded into the run record
 * and the notices. The core is disposable: a new one gets the design back
 * and resumes from the last checkpoint, and a request the old one never
 * answered is refused then, never left pending.
 */
import { equalValues } from '../../core/experiment/equal';
import type { Experiment, WeightsFile } from '../../core/experiment/types';
import type { Command, CoreEvent } from '../../core/protocol/messages';
import type { Store } from './appStore';
import { experimentToRaw } from './checkDesign';
import type { noticeActions } from './noticeSlice';
import { noticeTitle } from './notices';
import type { runActions } from './runSlice';
import { planSync } from './syncPlan';

export interface Checkpoint {
  step: number;
  weights: WeightsFile;
}

export interface SelectedUnit {
  layer: number;
  unit: number;
}

export type Send = (command: Command) => void;

/** A request waiting for the core's answer. */
interface Pending<T> {
  resolve(value: T): void;
  reject(reason: Error): void;
}

export interface CoreSliceState {
  /** Where commands go: the attached core's port (nowhere until `attach`). */
  send: Send;
  /** True from a `load` until its `loaded`: the core is not running this design yet. */
  loading: boolean;
  /** The data of the design last sent with `load`, and of the one the core last loaded (what `dataset` describes). */
  loadingData: Experiment['data'] | null;
  loadedData: Experiment['data'] | null;
  /** The last weights the core sent while training: a restarted core resumes from them. */
  checkpoint: Checkpoint | null;
  /** `exportWeights` requests not answered yet, oldest first: the core answers each with one `weights` event, in order. */
  weightRequests: readonly Pending<Checkpoint>[];
  /** The unit the inspector shows (the core adds its details to every frame). */
  selected: SelectedUnit | null;
  /** Training speed limit in steps per second (0: as fast as the core goes). A view preference, not part of the design. */
  speed: number;
}

/** Steps per second a new window trains at (0 would be full speed). */
export const DEFAULT_SPEED = 200;

/** Errors that a successful load answers: they belong to the previous attempt. */
const STALE_AFTER_LOAD = new Set<string>(['bad-data', 'bad-experiment', 'bad-weights', 'no-experiment', 'diverged', 'file']);

export function initialCoreLink(): CoreSliceState {
  return {
    send: () => {},
    loading: false,
    loadingData: null,
    loadedData: null,
    checkpoint: null,
    weightRequests: [],
    selected: null,
    // Small networks finish thousands of steps in a blink; the first run should be something to watch.
    speed: DEFAULT_SPEED,
  };
}

type RunActions = ReturnType<typeof runActions>;
type NoticeActions = ReturnType<typeof noticeActions>;

export function coreActions(store: Store, run: RunActions, notices: NoticeActions) {
  const { getState: get, setState: set } = store;
  const send: Send = (command) => get().send(command);
  const { notify } = notices;

  function loadCommand(e: Experiment, resume?: Checkpoint): Command {
    const text = e.data.kind === 'csv' ? get().files[e.data.path] : undefined;
    const files = e.data.kind === 'csv' && text !== undefined ? { [e.data.path]: text } : undefined;
    return { type: 'load', experiment: experimentToRaw(e), ...(files ? { files } : {}), ...(resume ? { resume } : {}) };
  }

  /** Refuses every request the core has not answered (it restarted: they never will be). */
  function refusePending(reason: string): void {
    const pending = get().weightRequests;
    if (pending.length === 0) return;
    set({ weightRequests: [] });
    for (const request of pending) request.reject(new Error(reason));
  }

  const actions = {
    /** Connects the store to a core (commands go through `sender`); `loadIntoCore` then sends the design. */
    attach(sender: Send): void {
      set({ send: sender });
    },

    /**
     * Sends the current design as a new run at step 0 (or from `resume`).
     * The checkpoint kept is then `resume`'s: one of the run before would
     * be of another run (another network, after an edit), which a new core
     * must not resume from and Export ▸ Weights must not save.
     */
    reload(resume?: Checkpoint): void {
      const design = get().design.present;
      set({ loading: true, loadingData: design.data, selected: null, checkpoint: resume ?? null });
      send(loadCommand(design, resume));
    },

    /** Brings the core in line after the design went from `prev` to the current one: live values as `set`, anything else as a reload. */
    syncDesign(prev: Experiment): void {
      const s = get();
      const plan = planSync(prev, s.design.present, s.run.state !== 'empty' && !s.loading);
      if (plan.kind === 'load') actions.reload();
      else if (plan.kind === 'set') plan.commands.forEach(send);
    },

    /** Sends the design to a (new) core; a fresh core starts at full speed, so it is told the chosen speed too. */
    loadIntoCore(resume?: Checkpoint): void {
      actions.reload(resume);
      if (get().speed > 0) send({ type: 'set', path: 'run.stepsPerSecond', value: get().speed });
    },

    /**
     * A new core took the old one's place: after a crash (`reason` says
     * why) or with the port sent again (`reason` null). It gets the design
     * and resumes from the last checkpoint; requests to the old one fail.
     */
    coreReplaced(reason: string | null): void {
      refusePending('The compute core restarted before it answered; try again');
      const checkpoint = get().checkpoint ?? undefined;
      actions.loadIntoCore(checkpoint);
      if (reason === null) return;
      notify({
        level: 'warning',
        code: 'core-restarted',
        title: 'The compute core restarted',
        message: `${reason}. Your design and charts are kept${checkpoint ? `; training resumes from step ${checkpoint.step}` : ''}.`,
      });
    },

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

    /** Slows training down to `stepsPerSecond` (0: full speed), so units can be watched dying. */
    setSpeed(stepsPerSecond: number): void {
      set({ speed: stepsPerSecond });
      send({ type: 'set', path: 'run.stepsPerSecond', value: stepsPerSecond });
    },

    /** The run's current weights; refused when no network is loaded, or when the core restarts before it answers. */
    requestWeights(): Promise<Checkpoint> {
      if (get().run.state === 'empty') return Promise.reject(new Error('No network is loaded in the core yet'));
      return new Promise<Checkpoint>((resolve, reject) => {
        set((s) => ({ weightRequests: [...s.weightRequests, { resolve, reject }] }));
        send({ type: 'exportWeights' });
      });
    },

    /** Folds one validated core event into the state. */
    receive(event: CoreEvent): void {
      switch (event.type) {
        case 'ready':
        case 'bornDead':
          return;
        case 'loaded':
          run.beginRun(event.dataset);
          set((s) => ({ loading: false, loadedData: s.loadingData }));
          notices.dropNotices(STALE_AFTER_LOAD);
          return;
        case 'status':
          run.setStatus({ state: event.state, step: event.step, epoch: event.epoch, totalSteps: event.totalSteps, samplesPerSecond: event.samplesPerSecond });
          return;
        case 'frame':
          run.addFrame(event.frame);
          return;
        case 'weights': {
          const checkpoint = { step: event.step, weights: event.weights };
          if (event.checkpoint) {
            set({ checkpoint });
            return;
          }
          const [first, ...rest] = get().weightRequests;
          if (!first) return;
          set({ weightRequests: rest });
          first.resolve(checkpoint);
          return;
        }
        case 'error':
          // The core's message is the whole account (a divergence: what it saw, what to try): shown as is, nothing added.
          if (get().loading && (event.code === 'bad-data' || event.code === 'bad-experiment' || event.code === 'bad-weights')) {
            set({ loading: false });
            run.dropRun();
          }
          notify({ level: 'error', code: event.code, title: noticeTitle(event.code), message: event.message, detail: event.detail });
          return;
      }
    },
  };
  return actions;
}

/**
 * True while the core loads other data than the data set it last loaded
 * (MNIST takes seconds): the data shown is not the design's any more, and
 * the views say so rather than show the old set.
 */
export function loadingOtherData(s: CoreSliceState & { dataset: unknown }): boolean {
  return s.loading && (s.dataset === null || s.loadedData === null || s.loadingData === null || !equalValues(s.loadingData, s.loadedData));
}
