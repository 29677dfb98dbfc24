/**
 * Watches a run folder's files for growth, replacement and deletion:
 * `fs.watch` for promptness where the file system supports it, and a poll
 * that catches what it misses (network and container file systems often
 * deliver no events). Reports each file's size, mtime and inode whenever
 * one changes.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileState, FolderState } from '../core/rundir/served';

export type { FileState, FolderState };

export const POLL_MS = 250;

export class FolderWatch {
  private current: FolderState;
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setInterval>;
  private checking = false;
  private again = false;
  private closed = false;

  private constructor(
    private readonly folder: string,
    private readonly files: readonly string[],
    initial: FolderState,
    private readonly onChange: (state: FolderState) => void,
    pollMs: number,
  ) {
    this.current = initial;
    try {
      this.watcher = watch(folder, () => void this.check());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = null;
    }
    this.timer = setInterval(() => void this.check(), pollMs);
    this.timer.unref?.();
  }

  static async start(folder: string, files: readonly string[], onChange: (state: FolderState) => void, pollMs = POLL_MS): Promise<FolderWatch> {
    return new FolderWatch(folder, files, await readState(folder, files), onChange, pollMs);
  }

  get state(): FolderState {
    return this.current;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.watcher?.close();
  }

  private async check(): Promise<void> {
    if (this.closed) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        const next = await readState(this.folder, this.files);
        if (!this.closed && !sameState(next, this.current)) {
          this.current = next;
          this.onChange(next);
        }
      } while (this.again && !this.closed);
    } finally {
      this.checking = false;
    }
  }
}

async function readState(folder: string, files: readonly string[]): Promise<FolderState> {
  const out: FolderState = {};
  for (const f of files) {
    try {
      const s = await stat(join(folder, f));
      out[f] = s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : null;
    } catch {
      out[f] = null;
    }
  }
  return out;
}

function sameState(a: FolderState, b: FolderState): boolean {
  return Object.keys(a).every((f) => {
    const x = a[f];
    const y = b[f];
    return x === y || (x !== null && y !== null && x.size === y.size && x.mtimeMs === y.mtimeMs && x.ino === y.ino);
  });
}
