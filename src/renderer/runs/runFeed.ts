/**
 * Feeds a run source to the reader worker and hands what it reads to the
 * viewer: one worker per open run, one source event in flight at a time
 * (the worker's `done` lets the source read on), and progress as bytes
 * arrive, so a 300 MB folder streams through in bounded memory while the
 * page stays responsive.
 */
import type { RecordFile, RunInfo } from '../../core/rundir/format';
import type { ReaderInput, ReaderOutput } from '../../core/rundir/readerProtocol';
import type { RunProblem, RunRecord } from '../../core/rundir/records';
import type { RunSource, RunSourceEvent } from './source';

export interface FeedProgress {
  /** Bytes of the record files read so far. */
  bytes: number;
  /** Their total size when the source says it, else null. */
  total: number | null;
  /** Every byte the files held has been read at least once. */
  caughtUp: boolean;
  /** The source follows appends. */
  following: boolean;
  /** When bytes last arrived after the first catch-up (performance.now()), or null. */
  lastGrowth: number | null;
}

export interface RunFeedHandlers {
  info(info: RunInfo, inferred: boolean): void;
  records(records: RunRecord[]): void;
  problem(problem: RunProblem): void;
  restart(reason: string): void;
  progress(progress: FeedProgress): void;
}

/** The side of a worker the feed uses (a fake in unit tests). */
export interface ReaderWorker {
  onmessage: ((event: MessageEvent<ReaderOutput>) => void) | null;
  postMessage(message: ReaderInput, transfer?: Transferable[]): void;
  terminate(): void;
}

function startWorker(): ReaderWorker {
  return new Worker(new URL('../../core/host/run-reader-worker.ts', import.meta.url), { type: 'module', name: 'relu-lab-run-reader' }) as unknown as ReaderWorker;
}

/** Starts reading `source`; returns the function that stops it (the source and the worker). */
export function feedRun(source: RunSource, handlers: RunFeedHandlers, makeWorker: () => ReaderWorker = startWorker): () => void {
  const worker = makeWorker();
  const pending = new Map<number, () => void>();
  let nextId = 1;
  const read: Record<RecordFile, number> = { 'metrics.jsonl': 0, 'units.jsonl': 0 };
  const total: Partial<Record<RecordFile, number>> = {};
  const progress: FeedProgress = { bytes: 0, total: null, caughtUp: false, following: false, lastGrowth: null };
  let stopped = false;

  worker.onmessage = ({ data }) => {
    if (stopped) return;
    switch (data.type) {
      case 'done': pending.get(data.id)?.(); pending.delete(data.id); return;
      case 'info': handlers.info(data.info, data.inferred); return;
      case 'records': handlers.records(data.records); return;
      case 'problem': handlers.problem(data.problem); return;
      case 'restart': handlers.restart(data.reason); return;
    }
  };

  const send = (input: ReaderInput, transfer: Transferable[] = []): Promise<void> => new Promise((resolve) => {
    pending.set(input.id, resolve);
    worker.postMessage(input, transfer);
  });

  const report = () => {
    progress.bytes = read['metrics.jsonl'] + read['units.jsonl'];
    const known = Object.values(total);
    progress.total = known.length ? Math.max(progress.bytes, known.reduce((a, b) => a + b, 0)) : null;
    handlers.progress({ ...progress });
  };

  const stopSource = source.start(async (event: RunSourceEvent) => {
    if (stopped) return;
    const id = nextId++;
    switch (event.type) {
      case 'info':
        await send({ type: 'info', id, text: event.text });
        return;
      case 'missing':
        await send({ type: 'missing', id, file: event.file, message: event.message });
        return;
      case 'restart':
        read[event.file] = 0;
        await send({ type: 'restart', id, file: event.file, reason: event.reason });
        report();
        return;
      case 'bytes': {
        // A copy the worker may own, unless the source's array is a whole buffer of its own.
        const bytes = event.bytes.byteOffset === 0 && event.bytes.byteLength === event.bytes.buffer.byteLength ? event.bytes : event.bytes.slice();
        read[event.file] = event.offset + bytes.length;
        if (event.total !== undefined) total[event.file] = event.total;
        if (progress.caughtUp) progress.lastGrowth = performance.now();
        await send({ type: 'bytes', id, file: event.file, offset: event.offset, bytes }, [bytes.buffer as ArrayBuffer]);
        report();
        return;
      }
      case 'caughtUp':
        await send({ type: 'caughtUp', id, following: event.following });
        progress.caughtUp = true;
        progress.following = event.following;
        report();
        return;
    }
  });

  return () => {
    stopped = true;
    stopSource();
    worker.terminate();
    for (const resolve of pending.values()) resolve();
    pending.clear();
  };
}
