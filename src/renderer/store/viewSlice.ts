/** How the window looks: view preferences that are not part of the design. */
import type { Store } from './appStore';

export type Theme = 'dark' | 'light';

export interface ViewSliceState {
  theme: Theme;
}

export function initialView(): ViewSliceState {
  return { theme: 'dark' };
}

export function viewActions(store: Store) {
  return {
    setTheme(theme: Theme): void {
      store.setState({ theme });
    },
  };
}
