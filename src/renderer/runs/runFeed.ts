/**
 * Feeds a run source to the reader worker and hands what it reads to the
 * viewer: one worker per open run. A source the worker can read itself (a
 * served run) is handed over whole; any other's events are posted to it,
 * at most IN_FLIGHT queued (the source reads the next chunk while the worker
 * parses one, and waits when the worker is behind), so a 300 MB folder
 * streams through in bounded memory while the page stays responsive.
 */
import type { RunInfo } from '../../core/rundir/format';
import type { FeedProgress, ReaderInput, ReaderOutput } from '../../core/rundir/readerProtocol';
import type { ReaderOptions } from '../../core/rundir/reader';
import type { RunProblem, RunRecord } from '../../core/rundir/records';
import type { RunSource, RunSourceEvent } from './source';

export type { FeedProgress } from '../../core/rundir/readerProtocol';

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

/** A copy the worker may own, unless the source's array is a whole buffer of its own (a source never reuses what it gave). */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
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
      case 'progress': handlers.progress(data.progress); return;
    }
  };

  /** Hands an input to the worker; resolves when the source may send the next. */
  const send = (input: ReaderInput, transfer: Transferable[] = []): Promise<void> => {
    pending.set(input.id, () => {});
    worker.postMessage(input, transfer);
    return pending.size < IN_FLIGHT ? Promise.resolve() : new Promise<void>((resolve) => blocked.push(resolve));
  };

  void send({ type: 'configure', id: nextId++, options });
  let stopSource = (): void => {};
  if (source.worker) {
    void send({ type: 'follow', id: nextId++, source: source.worker });
  } else {
    stopSource = source.start(async (event: RunSourceEvent) => {
      if (stopped) return;
      if (event.type === 'bytes') {
        const bytes = ownBuffer(event.bytes);
        await send({ type: 'event', id: nextId++, event: { ...event, bytes } }, [bytes.buffer as ArrayBuffer]);
      } else {
        await send({ type: 'event', id: nextId++, event });
      }
    });
  }

  return () => {
    stopped = true;
    stopSource();
    worker.terminate();
    pending.clear();
    for (const resolve of blocked) resolve();
    blocked = [];
  };
}
