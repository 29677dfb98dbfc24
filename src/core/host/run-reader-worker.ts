/**
 * Host adapter: a run folder read in a Web Worker, so parsing hundreds of
 * megabytes of JSON lines never blocks the page. Events come from the page
 * (a folder Electron's main or the browser reads), each answered with
 * `done` once read — the page's back-pressure — or, for a run served by
 * `relu-lab serve`, from a source the worker runs itself, so the bytes never
 * cross the page's thread. Progress is counted here for both.
 */
import type { RunSourceEvent } from '../rundir/events';
import type { RunInfo } from '../rundir/format';
import { RunFolderReader } from '../rundir/reader';
import type { FeedProgress, ReaderInput, ReaderOutput, WorkerSource } from '../rundir/readerProtocol';
import { recordBuffers, type RunProblem, type RunRecord } from '../rundir/records';
import { servedRunFollower } from './http-run-source';

/** The worker's global scope, typed by hand: the project's DOM lib describes a window, not a worker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReaderInput>) => void) | null;
  postMessage(message: ReaderOutput, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const post = (message: ReaderOutput, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

/** Progress goes out a few times a second while bytes stream in, and at once when it changes in kind. */
const PROGRESS_EVERY_MS = 100;

const sink = {
  info: (info: RunInfo, inferred: boolean) => post({ type: 'info', info, inferred }),
  records: (records: RunRecord[]) => post({ type: 'records', records }, records.flatMap(recordBuffers)),
  problem: (problem: RunProblem) => post({ type: 'problem', problem }),
  restart: (reason: string) => post({ type: 'restart', reason }),
};
let reader = new RunFolderReader(sink);

const read: Record<string, number> = {};
const totals: Record<string, number> = {};
const progress: FeedProgress = { bytes: 0, total: null, caughtUp: false, following: false, growths: 0 };
let lastPosted = -Infinity;

function report(now: boolean): void {
  progress.bytes = Object.values(read).reduce((a, b) => a + b, 0);
  const known = Object.values(totals);
  progress.total = known.length ? Math.max(progress.bytes, known.reduce((a, b) => a + b, 0)) : null;
  const t = performance.now();
  if (!now && t - lastPosted < PROGRESS_EVERY_MS) return;
  lastPosted = t;
  post({ type: 'progress', progress: { ...progress } });
}

function consume(event: RunSourceEvent): void {
  switch (event.type) {
    case 'info':
      reader.info(event.text);
      return;
    case 'missing':
      reader.missing(event.file, event.message);
      return;
    case 'restart':
      read[event.file] = 0;
      reader.restart(event.file, event.reason);
      report(true);
      return;
    case 'bytes':
      read[event.file] = event.offset + event.bytes.length;
      if (event.total !== undefined) totals[event.file] = event.total;
      reader.bytes(event.file, event.offset, event.bytes, event.total);
      if (progress.caughtUp) {
        progress.growths++;
        report(true);
      } else report(false);
      return;
    case 'caughtUp':
      reader.caughtUp(event.following);
      progress.caughtUp = true;
      progress.following = event.following;
      report(true);
      return;
  }
}

function follow(source: WorkerSource): void {
  if (source.kind === 'served') servedRunFollower(source.id, source.label, async (event) => consume(event), source.base);
}

scope.onmessage = ({ data }) => {
  switch (data.type) {
    case 'configure': reader = new RunFolderReader(sink, data.options); break;
    case 'event': consume(data.event); break;
    case 'follow': follow(data.source); break;
  }
  post({ type: 'done', id: data.id });
};
