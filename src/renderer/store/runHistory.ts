/** The run history (every frame of the run, bounded) the charts and exports read; built in `src/renderer/history`. */
import { RunHistory } from '../history';

export type HistoryLike = RunHistory;

export function createRunHistory(): RunHistory {
  return new RunHistory();
}
