/**
 * What `relu-lab serve` (src/server) and the page it serves say to each
 * other about runs: the run list and a folder's file states. The server
 * writes these shapes; the page checks them on arrival (they cross the
 * network).
 */
import type { RunActivity } from './activity';
import { RECORD_FILES, RUN_FILES } from './format';

export const SERVE_FORMAT = 'relu-lab/serve@1';

/** One run of the list. */
export interface RunListing {
  /** The folder's path under the log directory, `/`-separated: the run's id in URLs. */
  id: string;
  name: string;
  source: { kind: 'pytorch' | 'relu-lab'; version: string } | null;
  /** ISO 8601, from run.json (else the folder's first file). */
  created: string | null;
  lastStep: number | null;
  activity: RunActivity;
  /** ISO 8601 of the last change to the record files. */
  updated: string;
  /** Why run.json could not be read, if it could not. */
  problem: string | null;
}

export interface FileState {
  size: number;
  mtimeMs: number;
  /** Changes when the file is replaced (written anew and renamed over the old one). */
  ino: number;
}

/** A run folder's files by name; null where a file is absent. */
export type FolderState = Record<string, FileState | null>;

const ACTIVITIES: readonly unknown[] = ['live', 'finished', 'stalled'];
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** The run list, or null when it is not one. */
export function parseRunList(raw: unknown): RunListing[] | null {
  if (!Array.isArray(raw)) return null;
  const out: RunListing[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) return null;
    const r = item as Record<string, unknown>;
    const source = r.source as Record<string, unknown> | null;
    const okSource = source === null || (typeof source === 'object' && (source.kind === 'pytorch' || source.kind === 'relu-lab') && isStr(source.version));
    if (!isStr(r.id) || !isStr(r.name) || !okSource || !isStrOrNull(r.created) || !isStr(r.updated) || !isStrOrNull(r.problem) ||
      !(r.lastStep === null || typeof r.lastStep === 'number') || !ACTIVITIES.includes(r.activity)) return null;
    out.push({
      id: r.id, name: r.name, created: r.created, updated: r.updated, problem: r.problem, lastStep: r.lastStep as number | null,
      activity: r.activity as RunActivity,
      source: source ? { kind: source.kind as 'pytorch' | 'relu-lab', version: source.version as string } : null,
    });
  }
  return out;
}

/** A folder's state as the server sends it, or null when it is not one. */
export function parseFolderState(raw: unknown): FolderState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const out: FolderState = {};
  for (const name of [RUN_FILES.info, ...RECORD_FILES]) {
    const f = (raw as Record<string, unknown>)[name];
    if (f === null || f === undefined) {
      out[name] = null;
      continue;
    }
    const { size, mtimeMs, ino } = f as Record<string, unknown>;
    if (typeof size !== 'number' || !(size >= 0) || typeof mtimeMs !== 'number' || typeof ino !== 'number') return null;
    out[name] = { size, mtimeMs, ino };
  }
  return out;
}
