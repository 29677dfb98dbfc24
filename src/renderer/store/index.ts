/** The app's single store instance and the React hook that reads it. */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { defaultExperiment } from '../../core/experiment/parse';
import { createAppStore, type AppState } from './appStore';

export const app = createAppStore(defaultExperiment());
export const actions = app.actions;

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(app.store, selector);
}

/** The frame and the revival marks that go with it, as one snapshot. */
export type FrameView = Pick<AppState, 'frame' | 'revivals'>;

/**
 * The latest frame and its revival marks, but at most `perSecond` new ones a
 * second (the last one always arrives, at most 1/perSecond late). For views
 * whose redraw is dear and whose eye needs less than the charts' 20+ a
 * second: the network drawing repaints hundreds of units per frame. Both
 * come from one snapshot: the revival marks change with every frame, and
 * reading them live would redraw the view at every frame after all.
 */
export function useFrameAtMost(perSecond: number): FrameView {
  const [view, setView] = useState<FrameView>(() => snapshot(app.store.getState()));
  useEffect(() => {
    const interval = 1000 / perSecond;
    let last = -Infinity;
    let timer = 0;
    const show = (): void => {
      timer = 0;
      last = performance.now();
      setView(snapshot(app.store.getState()));
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
  return view;
}

function snapshot(s: AppState): FrameView {
  return { frame: s.frame, revivals: s.revivals };
}

export { documentTitle, isDirty } from './appStore';
export type { AppState, RunStatus, SelectedUnit } from './appStore';
