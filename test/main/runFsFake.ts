/**
 * An in-memory file system with what main's run followers use (stat,
 * positioned reads, fs.watch), and the writer's moves a test plays: append,
 * replace, truncate, delete. Paths are POSIX.
 */
import { dirname } from 'node:path';
import type { RunFsLike } from '../../src/main/electronApi';
import { appended } from '../core/runReplica';

interface Entry {
  data: Uint8Array;
  ino: number;
  mtimeMs: number;
}

const enoent = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, stat '${path}'`), { code: 'ENOENT' });
const encode = (text: string | Uint8Array) => (typeof text === 'string' ? new TextEncoder().encode(text) : text);

export class MemoryRunFs implements RunFsLike {
  private readonly files = new Map<string, Entry>();
  private readonly dirs = new Set<string>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private nextIno = 100;
  private clock = 1_000;
  /** 'events': fs.watch reports changes; 'silent': it works but never fires (a network drive); 'fails': it throws. */
  watchMode: 'events' | 'silent' | 'fails' = 'events';
  /** Files refused with EACCES. */
  readonly denied = new Set<string>();
  /** Every read main made, for checks that it never reads ahead. */
  readonly reads: Array<{ path: string; position: number; length: number }> = [];
  openHandles = 0;

  mkdir(path: string): this {
    this.dirs.add(path);
    return this;
  }

  /** A new file (a new inode), as a writer creating it or renaming another over it would leave. */
  write(path: string, text: string | Uint8Array): this {
    this.dirs.add(dirname(path));
    this.files.set(path, { data: encode(text), ino: this.nextIno++, mtimeMs: ++this.clock });
    return this.changed(path);
  }

  append(path: string, text: string | Uint8Array): this {
    const entry = this.files.get(path);
    if (!entry) return this.write(path, text);
    entry.data = appended(entry.data, text);
    entry.mtimeMs = ++this.clock;
    return this.changed(path);
  }

  /** The same file (same inode) cut to `size` bytes and, optionally, written on. */
  truncate(path: string, size: number, thenWrite = ''): this {
    const entry = this.files.get(path)!;
    entry.data = entry.data.slice(0, size);
    entry.mtimeMs = ++this.clock;
    return thenWrite ? this.append(path, thenWrite) : this.changed(path);
  }

  /** The same inode rewritten whole (size kept or grown): only its bytes tell. */
  rewrite(path: string, text: string): this {
    const entry = this.files.get(path)!;
    entry.data = encode(text);
    entry.mtimeMs = ++this.clock;
    return this.changed(path);
  }

  remove(path: string): this {
    this.files.delete(path);
    return this.changed(path);
  }

  removeDir(path: string): this {
    for (const p of [...this.files.keys()]) if (p.startsWith(`${path}/`)) this.files.delete(p);
    this.dirs.delete(path);
    return this.changed(`${path}/x`);
  }

  size(path: string): number {
    return this.files.get(path)?.data.length ?? -1;
  }

  async stat(path: string) {
    if (this.denied.has(path)) throw Object.assign(new Error(`EACCES: permission denied, stat '${path}'`), { code: 'EACCES' });
    const entry = this.files.get(path);
    if (entry) return { size: entry.data.length, mtimeMs: entry.mtimeMs, ino: entry.ino, dev: 1, isFile: () => true, isDirectory: () => false };
    if (this.dirs.has(path)) return { size: 4096, mtimeMs: 0, ino: 1, dev: 1, isFile: () => false, isDirectory: () => true };
    throw enoent(path);
  }

  async open(path: string, _flags: 'r') {
    if (this.denied.has(path)) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    // Like POSIX: the handle keeps the file it opened even if another is renamed over the name.
    const entry = this.files.get(path);
    if (!entry) throw enoent(path);
    this.openHandles++;
    let closed = false;
    return {
      read: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
        this.reads.push({ path, position, length });
        const bytes = entry.data.subarray(position, position + length);
        buffer.set(bytes, offset);
        return { bytesRead: bytes.length };
      },
      close: async () => {
        if (!closed) this.openHandles--;
        closed = true;
      },
    };
  }

  watch(path: string, listener: () => void) {
    if (this.watchMode === 'fails') throw Object.assign(new Error(`ENOSPC: System limit for number of file watchers reached, watch '${path}'`), { code: 'ENOSPC' });
    const set = this.watchers.get(path) ?? new Set();
    this.watchers.set(path, set);
    const silent = this.watchMode === 'silent';
    const fire = () => {
      if (!silent) listener();
    };
    set.add(fire);
    return {
      close: () => void set.delete(fire),
      on: () => undefined,
    };
  }

  /** Folders being watched now. */
  get watching(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  private changed(path: string): this {
    for (const listener of this.watchers.get(dirname(path)) ?? []) listener();
    return this;
  }
}
