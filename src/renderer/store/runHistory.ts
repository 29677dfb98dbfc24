/// <reference types="vite/client" />
/**
 * The run history (all frames of the run, for the charts and exports) is
 * built in `src/renderer/history` by the instruments work. Until that module
 * is in the tree the store runs without it; the glob resolves to nothing
 * rather than breaking the build.
 */
import type { Frame } from '../../core/protocol/messages';

export interface HistoryLike {
  append(frame: Frame): void;
  clear(): void;
  readonly version: number;
}

type HistoryModule = { RunHistory?: new () => HistoryLike };
const found = import.meta.glob<HistoryModule>('../history/index.ts', { eager: true });

export function createRunHistory(): HistoryLike | null {
  const RunHistory = Object.values(found)[0]?.RunHistory;
  return RunHistory ? new RunHistory() : null;
}
