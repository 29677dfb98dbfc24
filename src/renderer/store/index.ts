/** The app's single store instance and the React hook that reads it. */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { defaultExperiment } from '../../core/experiment/parse';
import { createAppStore, type AppState } from './appStore';

export const app = createAppStore(defaultExperiment(), { hostReadsFiles: typeof window !== 'undefined' && window.reluLab !== undefined });
export const actions = app.actions;

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(app.store, selector);
}

/**
 * The latest frame, but at most `perSecond` new ones a second (the last one
 * always arrives, at most 1/perSecond late). For views whose redraw is dear
 * and whose eye needs less than the charts' 20+ a second: the network
 * drawing repaints hundreds of units per frame.
 */
export function useFrameAtMost(perSecond: number): AppState['frame'] {
  const [frame, setFrame] = useState(() => app.store.getState().frame);
  useEffect(() => {
    const interval = 1000 / perSecond;
    let last = -Infinity;
    let timer = 0;
    const show = (): void => {
      timer = 0;
      last = performance.now();
      setFrame(app.store.getState().frame);
    };
    const unsubscribe = app.store.subscribe((state, previous) => {
      if (state.frame === previous.frame || timer) return;
      const wait = last + interval - performance.now();
      if (wait <= 0) show();
      else timer = window.setTimeout(show, wait);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [perSecond]);
  return frame;
}

export { documentTitle, isDirty } from './appStore';
export type { AppState, RunStatus, SelectedUnit } from './appStore';
