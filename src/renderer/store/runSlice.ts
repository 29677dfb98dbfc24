/**
 * Receiving frames: the run the instruments show — its status, its data
 * set, the latest frame, the revival marks and the bounded history of every
 * frame. Nothing here talks to the core: the core link (coreSlice.ts) feeds
 * these actions from core events, and any other source of frames can feed
 * the same history and instruments through them.
 */
import type { DatasetInfo, Frame, RunState } from '../../core/protocol/messages';
import { RunHistory } from '../history';
import type { Store } from './appStore';
import { emptyRevivals, trackRevivals, type RevivalState } from './revivals';

export interface RunStatus {
  state: RunState;
  step: number;
  epoch: number;
  totalSteps: number;
  samplesPerSecond: number;
}

export interface RunSliceState {
  run: RunStatus;
  dataset: DatasetInfo | null;
  frame: Frame | null;
  revivals: RevivalState;
  history: RunHistory;
  /** Increments with every change of the history (which changes in place): views redraw on it. */
  historyVersion: number;
}

export const IDLE: RunStatus = { state: 'empty', step: 0, epoch: 0, totalSteps: 0, samplesPerSecond: 0 };

export function initialRun(): RunSliceState {
  return { run: IDLE, dataset: null, frame: null, revivals: emptyRevivals(), history: new RunHistory(), historyVersion: 0 };
}

export function runActions(store: Store) {
  const { getState: get, setState: set } = store;
  return {
    /** A new run starts on `dataset`: the frames, history and revival marks of the last one go. */
    beginRun(dataset: DatasetInfo | null): void {
      get().history.clear();
      set((s) => ({ dataset, frame: null, revivals: emptyRevivals(), historyVersion: s.historyVersion + 1 }));
    },

    addFrame(frame: Frame): void {
      const s = get();
      s.history.append(frame);
      set({ frame, revivals: trackRevivals(s.revivals, frame), historyVersion: s.historyVersion + 1 });
    },

    setStatus(run: RunStatus): void {
      set({ run });
    },

    /** The run could not start: nothing of it is shown as current (the history stays until the next run begins). */
    dropRun(): void {
      set({ run: IDLE, frame: null, dataset: null });
    },
  };
}
