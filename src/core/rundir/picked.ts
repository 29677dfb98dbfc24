/**
 * What a pick or a drop of files and folders opens as a run, the same in
 * Electron main and the web build: one run folder, the run files of one
 * folder, or one JSON file (a run the app exported). Anything else gets a
 * message naming what was given.
 */
import { RUN_FILES } from './format';

export class RunOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunOpenError';
  }
}

export interface PickedItem {
  /** The file's or folder's own name. */
  name: string;
  folder: boolean;
}

export type PickedChoice =
  | { kind: 'folder'; index: number }
  /** run.json, metrics.jsonl, units.jsonl given loose (the host checks they are of one folder where it can tell). */
  | { kind: 'runFiles'; indices: number[] }
  | { kind: 'json'; index: number };

const RUN_FILE_NAMES: readonly string[] = Object.values(RUN_FILES);

export const isRunFileName = (name: string): boolean => RUN_FILE_NAMES.includes(name);

export const NOT_A_RUN = 'open a run folder (run.json, metrics.jsonl, units.jsonl) or a run exported as JSON';

export function choosePicked(items: PickedItem[]): PickedChoice {
  if (items.length === 0) throw new RunOpenError(`Nothing to open: ${NOT_A_RUN}`);
  if (items.every((item) => !item.folder && isRunFileName(item.name))) return { kind: 'runFiles', indices: items.map((_, i) => i) };
  if (items.length > 1) {
    const names = items.slice(0, 4).map((item) => item.name).join(', ');
    throw new RunOpenError(`Drop one run at a time: ${items.length} items were dropped (${names}${items.length > 4 ? ', …' : ''})`);
  }
  const item = items[0]!;
  if (item.folder) return { kind: 'folder', index: 0 };
  if (item.name.toLowerCase().endsWith('.json')) return { kind: 'json', index: 0 };
  throw new RunOpenError(`${item.name} is not a run: ${NOT_A_RUN}`);
}
