/**
 * Follows a run folder through whatever file access a host has (Node's fs
 * in Electron main or a server, a browser directory handle, dropped files)
 * and turns it into RunSourceEvents: run.json's text, then each record
 * file's bytes in order from offset 0, `caughtUp`, then what is appended.
 *
 * One chunk at a time, and the next only once the listener's promise has
 * settled: however large the files, the follower holds at most one chunk.
 * It owns no timer: its host calls `check()` when something may have
 * changed (a file-system event, a poll), and calls that come while a pass
 * runs are folded into one more pass.
 */
import type { RunSourceEvent, RunSourceListener } from './events';
import { RECORD_FILES, RUN_FILES, type RecordFile } from './format';
import { concatBytes, decodeUtf8 } from './lines';


export interface RunFileStat {
  size: number;
  /** When the file was last written (ms), where the host knows it. */
  modified?: number;
  /** Changes when the file is replaced by another (e.g. device and inode); absent where the host cannot tell. */
  identity?: string;
}

/** A host's read-only view of one run folder, by file name. Errors it throws carry messages fit to show (no paths). */
export interface RunFolderAccess {
  /** null when the file does not exist; throws when it exists but cannot be examined. */
  stat(file: string): Promise<RunFileStat | null>;
  /** Up to `length` bytes from `offset` (fewer at the end of the file), in an array of their own. */
  read(file: string, offset: number, length: number): Promise<Uint8Array>;
  /** Whether the folder itself is still there; a host that cannot tell leaves it out. */
  folderExists?(): Promise<boolean>;
}

export interface FollowOptions {
  /** The folder's name, for messages. */
  label: string;
  /** Whether the host will call check() again for appends (a live folder) or read it once (a snapshot). */
  following: boolean;
  /** Largest `bytes` event; default 1 MiB. */
  chunkBytes?: number;
  /** A listener that throws is the consumer's fault; the follower goes on and tells the host. */
  onListenerError?: (error: unknown) => void;
}

export const DEFAULT_CHUNK_BYTES = 1 << 20;
/** run.json is a few KB (an experiment file at most); refuse a runaway one rather than hold it. */
export const MAX_INFO_BYTES = 64 << 20;
/** The last bytes delivered of a file, compared again on each change: a file rewritten under the same name fails it. */
const TAIL_BYTES = 64;

type Reported = 'none' | 'missing' | 'error';

interface RecordState {
  /** Bytes delivered so far: the next read starts here. */
  offset: number;
  tail: Uint8Array;
  /** size/modified/identity at the last pass: an unchanged stamp means nothing to do. */
  stamp: string | null;
  identity: string | undefined;
  /** The file went away after bytes of it were delivered: if it comes back, it is another file. */
  gone: boolean;
  reported: Reported;
}

const stampOf = (s: RunFileStat): string => `${s.size}:${s.modified ?? ''}:${s.identity ?? ''}`;
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The last `TAIL_BYTES` of `tail` followed by `bytes`, copied (never a view that would keep a chunk alive). */
function nextTail(tail: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (bytes.length >= TAIL_BYTES) return bytes.slice(bytes.length - TAIL_BYTES);
  const keep = Math.min(tail.length, TAIL_BYTES - bytes.length);
  const out = new Uint8Array(keep + bytes.length);
  out.set(tail.subarray(tail.length - keep), 0);
  out.set(bytes, keep);
  return out;
}

export class RunFollower {
  private readonly chunkBytes: number;
  private readonly records = new Map<RecordFile, RecordState>();
  private info: { stamp: string | null; text: string | undefined; reported: Reported } = { stamp: null, text: undefined, reported: 'none' };
  private caughtUpOnce = false;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly access: RunFolderAccess,
    private readonly listener: RunSourceListener,
    private readonly options: FollowOptions,
  ) {
    this.chunkBytes = Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    for (const file of RECORD_FILES) this.records.set(file, { offset: 0, tail: new Uint8Array(0), stamp: null, identity: undefined, gone: false, reported: 'none' });
  }

  /** Reads what is new. Resolves once nothing more is known to be pending (a call made mid-pass adds one more pass). */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No event after this; a pass under way ends at its next step. */
  stop(): void {
    this.stopped = true;
  }

  private async emit(event: RunSourceEvent): Promise<void> {
    if (this.stopped) return;
    try {
      await this.listener(event);
    } catch (e) {
      this.options.onListenerError?.(e);
    }
  }

  private async pass(): Promise<void> {
    let restarted = false;
    await this.checkInfo();
    for (const file of RECORD_FILES) {
      if (this.stopped) return;
      if (await this.checkRecords(file)) restarted = true;
    }
    if (this.stopped) return;
    if (!this.caughtUpOnce || restarted) {
      this.caughtUpOnce = true;
      await this.emit({ type: 'caughtUp', following: this.options.following });
    }
  }

  /** Tells once per episode (missing, unreadable) rather than on every pass. */
  private async report(state: { reported: Reported }, kind: Exclude<Reported, 'none'>, file: string, message: string): Promise<void> {
    if (state.reported === kind) return;
    state.reported = kind;
    await this.emit({ type: 'missing', file, message });
  }

  private async goneMessage(file: string, wasRead: boolean): Promise<string> {
    if (wasRead && this.access.folderExists && !(await this.access.folderExists().catch(() => false))) {
      return `the run folder "${this.options.label}" is gone (deleted or moved); what was read of ${file} is kept`;
    }
    if (wasRead) return `${file} was deleted; what was read of it is kept`;
    return file === RUN_FILES.info
      ? `${file} is missing: this folder has no run description (is it a run folder?)`
      : `${file} is missing: the run has written no record yet, or this is not a run folder`;
  }

  private async checkInfo(): Promise<void> {
    const file = RUN_FILES.info;
    const info = this.info;
    let stat: RunFileStat | null;
    try {
      stat = await this.access.stat(file);
    } catch (e) {
      return this.report(info, 'error', file, `${file} cannot be read: ${messageOf(e)}`);
    }
    if (!stat) {
      info.stamp = null;
      return this.report(info, 'missing', file, await this.goneMessage(file, info.text !== undefined));
    }
    const stamp = stampOf(stat);
    if (stamp === info.stamp) return;
    if (stat.size > MAX_INFO_BYTES) {
      info.stamp = stamp;
      return this.report(info, 'error', file, `${file} is ${Math.round(stat.size / 2 ** 20)} MB; a run description is at most ${MAX_INFO_BYTES / 2 ** 20} MB`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.readWhole(file, stat.size);
    } catch (e) {
      return this.report(info, 'error', file, `${file} cannot be read: ${messageOf(e)}`);
    }
    info.stamp = stamp;
    info.reported = 'none';
    const text = decodeUtf8(bytes);
    if (text === info.text) return;
    info.text = text;
    await this.emit({ type: 'info', text });
  }

  private async readWhole(file: string, size: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    while (total < size) {
      const part = await this.access.read(file, total, Math.min(this.chunkBytes, size - total));
      if (part.length === 0) break;
      parts.push(part);
      total += part.length;
    }
    return concatBytes(parts, total);
  }

  /** Delivers what is new in one record file; true when it had to start the file over. */
  private async checkRecords(file: RecordFile): Promise<boolean> {
    const s = this.records.get(file)!;
    let stat: RunFileStat | null;
    try {
      stat = await this.access.stat(file);
    } catch (e) {
      await this.report(s, 'error', file, `${file} cannot be read: ${messageOf(e)}`);
      return false;
    }
    if (!stat) {
      s.stamp = null;
      if (s.offset > 0) s.gone = true;
      await this.report(s, 'missing', file, await this.goneMessage(file, s.offset > 0));
      return false;
    }
    const stamp = stampOf(stat);
    if (stamp === s.stamp && stat.size === s.offset && !s.gone) return false;

    const reason = await this.replacedBecause(file, s, stat);
    if (this.stopped) return false;
    if (reason) {
      s.offset = 0;
      s.tail = new Uint8Array(0);
      await this.emit({ type: 'restart', file, reason });
    }
    s.gone = false;
    s.identity = stat.identity;
    try {
      while (s.offset < stat.size && !this.stopped) {
        const bytes = await this.access.read(file, s.offset, Math.min(this.chunkBytes, stat.size - s.offset));
        // Fewer bytes than the size said: the file shrank meanwhile, which the next pass sees.
        if (bytes.length === 0) break;
        const offset = s.offset;
        s.offset += bytes.length;
        s.tail = nextTail(s.tail, bytes);
        await this.emit({ type: 'bytes', file, offset, bytes, total: Math.max(stat.size, s.offset) });
      }
    } catch (e) {
      // Kept where it was: the next pass reads on from the same offset, so no byte is lost or repeated.
      s.stamp = null;
      await this.report(s, 'error', file, `${file} cannot be read: ${messageOf(e)}`);
      return reason !== null;
    }
    s.stamp = stamp;
    s.reported = 'none';
    return reason !== null;
  }

  /** Why what was delivered of `file` no longer holds, or null when the file only grew (or is new). */
  private async replacedBecause(file: RecordFile, s: RecordState, stat: RunFileStat): Promise<string | null> {
    if (s.offset === 0) return null;
    if (s.gone) return `${file} was deleted and written again`;
    if (stat.size < s.offset) return `${file} shrank from ${s.offset} to ${stat.size} bytes (truncated or replaced)`;
    if (s.identity !== undefined && stat.identity !== undefined && stat.identity !== s.identity) return `${file} was replaced by another file`;
    try {
      const tail = await this.access.read(file, s.offset - s.tail.length, s.tail.length);
      if (!sameBytes(tail, s.tail)) return `${file} was rewritten (its bytes before offset ${s.offset} changed)`;
    } catch {
      // Unreadable now: the reading that follows reports it.
    }
    return null;
  }
}
