/** How the window looks: view preferences that are not part of the design. */
import type { ChartView } from '../charts/figures/types';
import type { Store } from './appStore';

export type Theme = 'dark' | 'light';

/** PNG exports' scale before the user picks one. */
export const DEFAULT_EXPORT_SCALE = 2;

export interface ViewSliceState {
  theme: Theme;
  /** The chart the user last worked with, as it shows now: what the menu's chart exports save (null: none yet). */
  focusedChart: ChartView | null;
  /** PNG exports' scale (1×–3×), the charts' and the menu's. */
  exportScale: number;
}

export function initialView(): ViewSliceState {
  return { theme: 'dark', focusedChart: null, exportScale: DEFAULT_EXPORT_SCALE };
}

export function viewActions(store: Store) {
  return {
    setTheme(theme: Theme): void {
      store.setState({ theme });
    },

    /** A chart got the user's attention, or the one that has it changed what it shows. */
    focusChart(view: ChartView): void {
      store.setState({ focusedChart: view });
    },

    setExportScale(scale: number): void {
      store.setState({ exportScale: scale });
    },
  };
}
