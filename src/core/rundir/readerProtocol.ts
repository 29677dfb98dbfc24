/**
 * Messages between the viewer and the worker that reads a run folder
 * (src/core/host/run-reader-worker.ts): the bytes and file events of a
 * source go in, records and problems come out. Both ends are the app's own
 * code in one page, so the messages are typed, not validated.
 */
import type { RecordFile, RunInfo } from './format';
import type { RunProblem, RunRecord } from './records';
import type { ReaderOptions } from './reader';

export type ReaderInput =
  /** First, once: how the reader reads (RunFolderReader's options). */
  | { type: 'configure'; id: number; options: ReaderOptions }
  | { type: 'info'; id: number; text: string }
  | { type: 'missing'; id: number; file: string; message: string }
  | { type: 'bytes'; id: number; file: RecordFile; offset: number; bytes: Uint8Array; total?: number }
  | { type: 'restart'; id: number; file: RecordFile; reason: string }
  | { type: 'caughtUp'; id: number; following: boolean };

export type ReaderOutput =
  /** Input `id` has been read: the source may send the next. */
  | { type: 'done'; id: number }
  | { type: 'info'; info: RunInfo; inferred: boolean }
  | { type: 'records'; records: RunRecord[] }
  | { type: 'problem'; problem: RunProblem }
  | { type: 'restart'; reason: string };
