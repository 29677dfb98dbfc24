/**
 * A run served by `relu-lab serve` (src/server/server.ts): the server pushes
 * the folder's file sizes and inodes by Server-Sent Events whenever they
 * change; this source fetches what is new — run.json whole, the record
 * files from the last offset read (HTTP ranges) — reading the body stream
 * chunk by chunk as the listener takes it. A file that shrank or got a new
 * inode was replaced: it is read again from its start.
 */
import { RECORD_FILES, RUN_FILES, type RecordFile } from '../../core/rundir/format';
import { parseFolderState, type FileState, type FolderState } from '../../core/rundir/served';
import type { RunSource, RunSourceListener } from './source';

export function runUrl(id: string, what: string): string {
  return `api/run/${encodeURIComponent(id)}/${what}`;
}

export function httpRunSource(id: string, label: string): RunSource {
  return {
    label,
    start(listener: RunSourceListener): () => void {
      const abort = new AbortController();
      const events = new EventSource(runUrl(id, 'events'));
      let latest: FolderState | null = null;
      let syncing = false;
      let again = false;
      let infoSeen: FileState | null | undefined;
      const read: Record<RecordFile, { offset: number; ino: number | null; missing: boolean }> = {
        'metrics.jsonl': { offset: 0, ino: null, missing: false },
        'units.jsonl': { offset: 0, ino: null, missing: false },
      };

      const syncInfo = async (state: FileState | null): Promise<void> => {
        const seen = infoSeen;
        if (seen !== undefined && (seen === state || (seen && state && seen.ino === state.ino && seen.mtimeMs === state.mtimeMs && seen.size === state.size))) return;
        infoSeen = state;
        if (!state) {
          await listener({ type: 'missing', file: RUN_FILES.info, message: 'not in the run folder' });
          return;
        }
        const res = await fetch(runUrl(id, RUN_FILES.info), { signal: abort.signal, cache: 'no-store' });
        if (!res.ok) await listener({ type: 'missing', file: RUN_FILES.info, message: `the server answered ${res.status}` });
        else await listener({ type: 'info', text: await res.text() });
      };

      const syncFile = async (file: RecordFile, state: FileState | null): Promise<void> => {
        const r = read[file];
        if (!state) {
          if (!r.missing) await listener({ type: 'missing', file, message: 'not in the run folder' });
          r.missing = true;
          r.offset = 0;
          r.ino = null;
          return;
        }
        r.missing = false;
        if ((r.ino !== null && r.ino !== state.ino) || state.size < r.offset) {
          await listener({ type: 'restart', file, reason: r.ino !== state.ino ? 'was replaced' : 'shrank' });
          r.offset = 0;
        }
        r.ino = state.ino;
        if (state.size <= r.offset) return;
        const res = await fetch(runUrl(id, file), { signal: abort.signal, cache: 'no-store', headers: { Range: `bytes=${r.offset}-` } });
        if (res.status === 416) return;
        if (!res.ok || !res.body) throw new Error(`${file}: the server answered ${res.status}`);
        // A 200 means the server sent the whole file (no range support): take it from the start.
        if (res.status === 200 && r.offset > 0) {
          await listener({ type: 'restart', file, reason: 'was sent again whole' });
          r.offset = 0;
        }
        const body = res.body.getReader();
        for (;;) {
          const { done, value } = await body.read();
          if (done) break;
          const offset = r.offset;
          r.offset += value.length;
          await listener({ type: 'bytes', file, offset, bytes: value, total: Math.max(state.size, r.offset) });
        }
      };

      const sync = async (): Promise<void> => {
        if (syncing) {
          again = true;
          return;
        }
        syncing = true;
        try {
          do {
            again = false;
            const state = latest!;
            await syncInfo(state[RUN_FILES.info]);
            // Metrics first: they are small, and the reader holds them until the units lines catch up.
            for (const file of RECORD_FILES) await syncFile(file, state[file]);
            await listener({ type: 'caughtUp', following: true });
          } while (again && !abort.signal.aborted);
        } catch (e) {
          if (!abort.signal.aborted) await listener({ type: 'missing', file: 'the server', message: e instanceof Error ? e.message : String(e) });
        } finally {
          syncing = false;
        }
      };

      events.addEventListener('files', (event) => {
        const state = parseFolderState(JSON.parse((event as MessageEvent<string>).data));
        if (!state) return;
        latest = state;
        void sync();
      });

      return () => {
        abort.abort();
        events.close();
      };
    },
  };
}
