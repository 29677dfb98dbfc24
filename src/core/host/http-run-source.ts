/**
 * A run served by `relu-lab serve` (src/server/server.ts), read by the same
 * follower as a folder on disk (core/rundir/follow.ts): the server pushes
 * the folder's file sizes, mtimes and inodes by Server-Sent Events whenever
 * they change — the follower's `stat` — and serves byte ranges of the files
 * — its `read`. Each pushed change makes the follower look again. Runs in
 * the run reader's worker (fetch and EventSource work there), so a big run's
 * bytes never cross the page's thread.
 */
import type { RunSourceListener } from '../rundir/events';
import { RunFollower, type RunFolderAccess } from '../rundir/follow';
import { parseFolderState, type FolderState } from '../rundir/served';

/** A request costs a round trip: bigger reads than from a disk. */
const HTTP_CHUNK_BYTES = 4 << 20;

export function runUrl(id: string, what: string): string {
  return `api/run/${encodeURIComponent(id)}/${what}`;
}

/** Follows the served run `id`, telling `listener`; returns the function that stops following. */
export function servedRunFollower(id: string, label: string, listener: RunSourceListener, base = ''): () => void {
  const abort = new AbortController();
  const url = (what: string) => new URL(runUrl(id, what), base || undefined).href;
  let state: FolderState = {};
  const access: RunFolderAccess = {
    async stat(file) {
      const s = state[file];
      return s ? { size: s.size, modified: s.mtimeMs, identity: String(s.ino) } : null;
    },
    async read(file, offset, length) {
      const res = await fetch(url(file), { signal: abort.signal, cache: 'no-store', headers: { Range: `bytes=${offset}-${offset + length - 1}` } });
      // The file is shorter than the server said a moment ago (being replaced): nothing there now.
      if (res.status === 416) return new Uint8Array(0);
      if (res.status === 206) return new Uint8Array(await res.arrayBuffer());
      if (res.status === 200) return new Uint8Array(await res.arrayBuffer()).slice(offset, offset + length);
      throw new Error(`the server answered ${res.status} for ${file}`);
    },
  };
  const follower = new RunFollower(access, listener, {
    label,
    following: true,
    chunkBytes: HTTP_CHUNK_BYTES,
    onListenerError: (e) => console.error(`run ${label}: the reader failed on an event`, e),
  });
  const events = new EventSource(url('events'));
  events.addEventListener('files', (event) => {
    const next = parseFolderState(JSON.parse((event as MessageEvent<string>).data));
    if (!next) return;
    state = next;
    void follower.check();
  });
  return () => {
    follower.stop();
    abort.abort();
    events.close();
  };
}
