/**
 * Main's side of one open run: reads the folder with the shared follower
 * (src/core/rundir/follow.ts), wakes it on fs.watch events and on a poll
 * (fs.watch misses changes on network and some virtual file systems), and
 * sends each event to the renderer, reading on only once the renderer has
 * acknowledged it. Nothing sent carries a path.
 */
import { join } from 'node:path';
import type { RunSourceEvent } from '../core/rundir/events';
import { RunFollower, type RunFileStat, type RunFolderAccess } from '../core/rundir/follow';
import type { RunEventMessage } from '../preload/api';
import type { RunFsLike } from './electronApi';

/** At most this long between a record being written and the renderer hearing of it, when fs.watch is silent. */
export const POLL_MS = 500;

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'not found',
  ENOTDIR: 'not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ELOOP: 'too many symbolic links',
  ESTALE: 'stale network file handle',
};

/** An fs error as words without the path Node puts in its message: these go to the renderer. */
export function fsErrorText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return FS_ERRORS[code] ? `${FS_ERRORS[code]} (${code})` : code;
  return 'unknown error';
}

const isAbsent = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** The follower's view of a folder on disk; errors come out as path-free messages. */
export function diskRunAccess(fs: Pick<RunFsLike, 'stat' | 'open'>, folder: string): RunFolderAccess {
  return {
    async stat(file: string): Promise<RunFileStat | null> {
      let s: Awaited<ReturnType<RunFsLike['stat']>>;
      try {
        s = await fs.stat(join(folder, file));
      } catch (e) {
        if (isAbsent(e)) return null;
        throw new Error(fsErrorText(e));
      }
      if (!s.isFile()) throw new Error('it is not a file');
      // Device and inode tell a replaced file from an appended one; some file systems report inode 0.
      return { size: s.size, modified: s.mtimeMs, identity: s.ino ? `${s.dev}:${s.ino}` : undefined };
    },
    async read(file: string, offset: number, length: number): Promise<Uint8Array> {
      let handle: Awaited<ReturnType<RunFsLike['open']>>;
      try {
        handle = await fs.open(join(folder, file), 'r');
      } catch (e) {
        throw new Error(isAbsent(e) ? 'it was deleted while being read' : fsErrorText(e));
      }
      try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        // A copy when short: IPC would otherwise serialize the whole buffer behind the view.
        return bytesRead === length ? buffer : buffer.slice(0, bytesRead);
      } catch (e) {
        throw new Error(fsErrorText(e));
      } finally {
        await handle.close().catch(() => {});
      }
    },
    async folderExists(): Promise<boolean> {
      try {
        return (await fs.stat(folder)).isDirectory();
      } catch {
        return false;
      }
    },
  };
}

export interface FolderFollowerOptions {
  runId: string;
  /** The renderer's number for this start of the run: events and acknowledgements carry it, so late ones of an earlier start are told apart. */
  stream: number;
  folder: string;
  label: string;
  fs: RunFsLike;
  send(message: RunEventMessage): void;
  log(message: string): void;
  pollMs?: number;
  chunkBytes?: number;
}

export class FolderFollower {
  private readonly follower: RunFollower;
  private readonly poll: ReturnType<typeof setInterval>;
  private watcher: ReturnType<RunFsLike['watch']> | null = null;
  private watchFailed = false;
  private seq = 0;
  private pending: { seq: number; resolve: () => void } | null = null;
  private stopped = false;

  constructor(private readonly options: FolderFollowerOptions) {
    this.follower = new RunFollower(diskRunAccess(options.fs, options.folder), (event) => this.deliver(event), {
      label: options.label,
      following: true,
      chunkBytes: options.chunkBytes,
    });
    void this.follower.check();
    this.watch();
    this.poll = setInterval(() => {
      if (!this.watcher) this.watch();
      void this.follower.check();
    }, options.pollMs ?? POLL_MS);
  }

  get stream(): number {
    return this.options.stream;
  }

  /** The renderer is done with event `seq`: the next may be read and sent. */
  ack(seq: number): void {
    if (this.pending?.seq !== seq) return;
    const { resolve } = this.pending;
    this.pending = null;
    resolve();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.poll);
    this.watcher?.close();
    this.watcher = null;
    this.follower.stop();
    // Lets a pass that waits for an acknowledgement end (and drop its chunk).
    this.pending?.resolve();
    this.pending = null;
  }

  private deliver(event: RunSourceEvent): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const seq = this.seq++;
    return new Promise<void>((resolve) => {
      this.pending = { seq, resolve };
      this.options.send({ runId: this.options.runId, stream: this.options.stream, seq, event });
    });
  }

  private watch(): void {
    if (this.stopped) return;
    try {
      const watcher = this.options.fs.watch(this.options.folder, () => void this.follower.check());
      watcher.on('error', () => {
        // E.g. the folder was deleted: polling goes on, and watching starts again if it comes back.
        watcher.close();
        if (this.watcher === watcher) this.watcher = null;
      });
      this.watcher = watcher;
      this.watchFailed = false;
    } catch (e) {
      if (!this.watchFailed) this.options.log(`run ${this.options.label}: cannot watch the folder (${fsErrorText(e)}); polling every ${this.options.pollMs ?? POLL_MS} ms`);
      this.watchFailed = true;
    }
  }
}
