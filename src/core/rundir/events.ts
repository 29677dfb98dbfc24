/**
 * What a source of a run folder's bytes delivers, and how its consumer
 * paces it. Every source speaks this: Electron main following a folder, the
 * web build reading a directory handle or dropped files, `relu-lab serve`.
 * Parsing the bytes is the run reader's job (the same for every source).
 */
import type { RecordFile } from './format';

export type RunSourceEvent =
  /** run.json's whole text (again whenever it is replaced). */
  | { type: 'info'; text: string }
  /**
   * A file of the folder is absent or cannot be read; the rest is still
   * delivered. Also sent when a file that was read is deleted (what was read
   * of it still holds), and for every file when the whole folder goes: the
   * message then says so. A file that comes back is delivered again from
   * offset 0, after a `restart` if bytes of it had been delivered.
   */
  | { type: 'missing'; file: string; message: string }
  /**
   * The bytes of a record file from `offset` on, in order, with no gap;
   * `total`, the file's size as last seen (for progress), where known. The
   * listener owns the array once given (it may transfer it to a worker): a
   * source never reuses it.
   */
  | { type: 'bytes'; file: RecordFile; offset: number; bytes: Uint8Array; total?: number }
  /** The file shrank or was replaced: what was read of it no longer holds; bytes follow from offset 0. */
  | { type: 'restart'; file: RecordFile; reason: string }
  /**
   * Every byte the files held so far has been delivered; `following`: appends
   * will follow as they come. Sent once the first reading is done, and again
   * each time the files have been read to their end after a `restart`.
   */
  | { type: 'caughtUp'; following: boolean };

/**
 * The consumer's answer to an event: a source reads on only once the
 * promise (if any) has settled, so a slow reader is never flooded and
 * memory stays bounded whatever the files' size.
 */
export type RunSourceListener = (event: RunSourceEvent) => void | Promise<void>;
