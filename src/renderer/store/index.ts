/** The app's single store instance and the React hook that reads it. */
import { useStore } from 'zustand';
import { createAppStore, type AppState } from './appStore';

export const app = createAppStore();
export const actions = app.actions;

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(app.store, selector);
}

export { documentTitle, isDirty } from './appStore';
export type { AppState, RunStatus, SelectedUnit } from './appStore';
