/**
 * Where the viewer's bytes come from: a run folder the user picked (Electron
 * main reads it; the web build reads a directory handle or dropped files), a
 * run served by `relu-lab serve`, or an exported run JSON. A source delivers
 * the folder's files as bytes; parsing them is the run reader's job (the
 * same for every source). The renderer never sees a path: `label` is the
 * folder's own name.
 */
import type { RecordFile } from '../../core/rundir/format';

export type RunSourceEvent =
  /** run.json's whole text (again whenever it is replaced). */
  | { type: 'info'; text: string }
  /** A file of the folder is absent or cannot be read; the rest is still delivered. */
  | { type: 'missing'; file: string; message: string }
  /**
   * The bytes of a record file from `offset` on, in order, with no gap;
   * `total`, the file's size as last seen (for progress), where known. The
   * listener owns the array once given (it may transfer it to a worker).
   */
  | { type: 'bytes'; file: RecordFile; offset: number; bytes: Uint8Array; total?: number }
  /** The file shrank or was replaced: what was read of it no longer holds; bytes follow from offset 0. */
  | { type: 'restart'; file: RecordFile; reason: string }
  /** Every byte the files held so far has been delivered; `following`: appends will follow as they come. */
  | { type: 'caughtUp'; following: boolean };

/**
 * The consumer's answer to an event: a source reads on only once the
 * promise (if any) has settled, so a slow reader is never flooded and
 * memory stays bounded whatever the files' size.
 */
export type RunSourceListener = (event: RunSourceEvent) => void | Promise<void>;

export interface RunSource {
  /** The run folder's name (or the file's), for titles: never a path. */
  readonly label: string;
  /** Starts delivering events; returns the function that stops the source and releases what it holds. */
  start(listener: RunSourceListener): () => void;
}
