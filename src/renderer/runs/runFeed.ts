/**
 * Feeds a run source to the reader worker and hands what it reads to the
 * viewer: one worker per open run, at most IN_FLIGHT source events queued
 * for it (the source reads the next chunk while the worker parses one, and
 * waits when the worker is behind), and progress as bytes arrive, so a
 * 300 MB folder streams through in bounded memory while the page stays
 * responsive.
 */
import type { RecordFile, RunInfo } from '../../core/rundir/format';
import type { ReaderInput, ReaderOutput } from '../../core/rundir/readerProtocol';
import type { ReaderOptions } from '../../core/rundir/reader';
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

/** Events handed to the worker and not yet read by it; the source waits beyond this. */
const IN_FLIGHT = 3;

function startWorker(): ReaderWorker {
  return new Worker(new URL('../../core/host/run-reader-worker.ts', import.meta.url), { type: 'module', name: 'relu-lab-run-reader' }) as unknown as ReaderWorker;
}

/**
 * Starts reading `source`; returns the function that stops it (the source
 * and the worker). `options` tell the reader how (unitsBudget: the
 * history's size, so a big folder's units lines are read as sparsely as
 * the history would keep them).
 */
export function feedRun(source: RunSource, handlers: RunFeedHandlers, options: ReaderOptions = {}, makeWorker: () => ReaderWorker = startWorker): () => void {
  const worker = makeWorker();
  /** Per input handed to the worker: resolves once the worker has read it. */
  const pending = new Map<number, () => void>();
  /** Sources waiting for room in the worker's queue. */
  let blocked: (() => void)[] = [];
  let nextId = 1;
  const read: Record<RecordFile, number> = { 'metrics.jsonl': 0, 'units.jsonl': 0 };
  const total: Partial<Record<RecordFile, number>> = {};
  const progress: FeedProgress = { bytes: 0, total: null, caughtUp: false, following: false, lastGrowth: null };
  let stopped = false;

  worker.onmessage = ({ data }) => {
    if (stopped) return;
    switch (data.type) {
      case 'done':
        pending.get(data.id)?.();
        pending.delete(data.id);
        while (blocked.length && pending.size < IN_FLIGHT) blocked.shift()!();
        return;
      case 'info': handlers.info(data.info, data.inferred); return;
      case 'records': handlers.records(data.records); return;
      case 'problem': handlers.problem(data.problem); return;
      case 'restart': handlers.restart(data.reason); return;
    }
  };

  /** Hands an input to the worker; `room` resolves when the source may send the next, `read` when the worker has read this one. */
  const send = (input: ReaderInput, transfer: Transferable[] = []): { room: Promise<void>; read: Promise<void> } => {
    const read = new Promise<void>((resolve) => pending.set(input.id, resolve));
    worker.postMessage(input, transfer);
    const room = pending.size < IN_FLIGHT ? Promise.resolve() : new Promise<void>((resolve) => blocked.push(resolve));
    return { room, read };
  };

  const report = () => {
    progress.bytes = read['metrics.jsonl'] + read['units.jsonl'];
    const known = Object.values(total);
    progress.total = known.length ? Math.max(progress.bytes, known.reduce((a, b) => a + b, 0)) : null;
    handlers.progress({ ...progress });
  };

  void send({ type: 'configure', id: nextId++, options });
  const stopSource = source.start(async (event: RunSourceEvent) => {
    if (stopped) return;
    const id = nextId++;
    switch (event.type) {
      case 'info':
        await send({ type: 'info', id, text: event.text }).room;
        return;
      case 'missing':
        await send({ type: 'missing', id, file: event.file, message: event.message }).room;
        return;
      case 'restart':
        read[event.file] = 0;
        await send({ type: 'restart', id, file: event.file, reason: event.reason }).room;
        report();
        return;
      case 'bytes': {
        // A copy the worker may own, unless the source's array is a whole buffer of its own.
        const bytes = event.bytes.byteOffset === 0 && event.bytes.byteLength === event.bytes.buffer.byteLength ? event.bytes : event.bytes.slice();
        read[event.file] = event.offset + bytes.length;
        if (event.total !== undefined) total[event.file] = event.total;
        if (progress.caughtUp) progress.lastGrowth = performance.now();
        const sent = send({ type: 'bytes', id, file: event.file, offset: event.offset, bytes, ...(event.total !== undefined ? { total: event.total } : {}) }, [bytes.buffer as ArrayBuffer]);
        report();
        await sent.room;
        return;
      }
      case 'caughtUp':
        // Caught up once the worker has read everything before it: the records are all out then.
        await send({ type: 'caughtUp', id, following: event.following }).read;
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
    for (const resolve of blocked) resolve();
    blocked = [];
  };
}
