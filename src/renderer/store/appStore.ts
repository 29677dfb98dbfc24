/**
 * The renderer's one store, in slices with one job each: editing the design
 * (designSlice), the link to the core (coreSlice), the run's record that
 * frames fill (runSlice), notices, and view preferences. The design is the
 * source of truth; the core is disposable and is told (`load`, `set`)
 * whenever the design changes. Every piece of state lives in the store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { defaultExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import { coreActions, initialCoreLink, type CoreSliceState } from './coreSlice';
import { designActions, initialDesign, type DesignSliceState } from './designSlice';
import { initialNotices, noticeActions, type NoticeSliceState } from './noticeSlice';
import { initialRun, runActions, type RunSliceState } from './runSlice';
import { initialView, viewActions, type ViewSliceState } from './viewSlice';

export type AppState = DesignSliceState & CoreSliceState & RunSliceState & NoticeSliceState & ViewSliceState;
export type Store = StoreApi<AppState>;
export type AppStore = ReturnType<typeof createAppStore>;

export function createAppStore(initial: Experiment = defaultExperiment()) {
  const store: Store = createStore<AppState>(() => ({
    ...initialDesign(initial),
    ...initialCoreLink(),
    ...initialRun(),
    ...initialNotices(),
    ...initialView(),
  }));
  const run = runActions(store);
  const notices = noticeActions(store);
  const core = coreActions(store, run, notices);
  const design = designActions(store, core, notices);
  const actions = { ...run, ...notices, ...core, ...design, ...viewActions(store) };
  return { store, actions };
}

export { DEFAULT_SPEED, type Checkpoint, type SelectedUnit } from './coreSlice';
export { documentTitle, isDirty } from './designSlice';
export type { RunStatus } from './runSlice';
