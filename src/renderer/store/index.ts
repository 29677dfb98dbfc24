/** The app's single store instance and the React hook that reads it. */
import { useStore } from 'zustand';
import { defaultExperiment } from '../../core/experiment/parse';
import { createAppStore, type AppState } from './appStore';

export const app = createAppStore(defaultExperiment(), { hostReadsFiles: typeof window !== 'undefined' && window.reluLab !== undefined });
export const actions = app.actions;

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(app.store, selector);
}

export { documentTitle, isDirty } from './appStore';
export type { AppState, RunStatus, SelectedUnit } from './appStore';
