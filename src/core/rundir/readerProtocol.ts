/**
 * Messages between the viewer and the worker that reads a run folder
 * (src/core/host/run-reader-worker.ts): a source's events go in (or, for a
 * run served over HTTP, the worker follows it itself), records, problems
 * and progress come out. Both ends are the app's own code in one page, so
 * the messages are typed, not validated.
 */
import type { RunSourceEvent } from './events';
import type { RunInfo } from './format';
import type { ReaderOptions } from './reader';
import type { RunProblem, RunRecord } from './records';

/** A source the worker can read by itself, keeping the bytes off the page's thread (`base`: the page's URL, which the server's paths are relative to). */
export type WorkerSource = { kind: 'served'; id: string; label: string; base: string };

export interface FeedProgress {
  /** Bytes of the record files read so far. */
  bytes: number;
  /** Their total size when the source says it, else null. */
  total: number | null;
  /** Every byte the files held has been read at least once. */
  caughtUp: boolean;
  /** The source follows appends. */
  following: boolean;
  /** How many times bytes arrived after the first catch-up: a change means the run grew. */
  growths: number;
}

export type ReaderInput =
  /** First, once: how the reader reads (RunFolderReader's options). */
  | { type: 'configure'; id: number; options: ReaderOptions }
  /** An event of a source the page runs. */
  | { type: 'event'; id: number; event: RunSourceEvent }
  /** Read this source in the worker (instead of events from the page). */
  | { type: 'follow'; id: number; source: WorkerSource };

export type ReaderOutput =
  /** Input `id` has been read: the source may send the next. */
  | { type: 'done'; id: number }
  | { type: 'info'; info: RunInfo; inferred: boolean }
  | { type: 'records'; records: RunRecord[] }
  | { type: 'problem'; problem: RunProblem }
  | { type: 'restart'; reason: string }
  | { type: 'progress'; progress: FeedProgress };
