/**
 * Host adapter: a run folder read in a Web Worker, so parsing hundreds of
 * megabytes of JSON lines never blocks the page. Each input is answered
 * with `done` once read, which is the viewer's back-pressure.
 */
import type { ReaderInput, ReaderOutput } from '../rundir/readerProtocol';
import { RunFolderReader } from '../rundir/reader';
import { recordBuffers, type RunProblem, type RunRecord } from '../rundir/records';
import type { RunInfo } from '../rundir/format';

/** The worker's global scope, typed by hand: the project's DOM lib describes a window, not a worker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReaderInput>) => void) | null;
  postMessage(message: ReaderOutput, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const post = (message: ReaderOutput, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

const sink = {
  info: (info: RunInfo, inferred: boolean) => post({ type: 'info', info, inferred }),
  records: (records: RunRecord[]) => post({ type: 'records', records }, records.flatMap(recordBuffers)),
  problem: (problem: RunProblem) => post({ type: 'problem', problem }),
  restart: (reason: string) => post({ type: 'restart', reason }),
};
let reader = new RunFolderReader(sink);

scope.onmessage = ({ data }) => {
  switch (data.type) {
    case 'configure': reader = new RunFolderReader(sink, data.options); break;
    case 'info': reader.info(data.text); break;
    case 'missing': reader.missing(data.file, data.message); break;
    case 'bytes': reader.bytes(data.file, data.offset, data.bytes, data.total); break;
    case 'restart': reader.restart(data.file, data.reason); break;
    case 'caughtUp': reader.caughtUp(data.following); break;
  }
  post({ type: 'done', id: data.id });
};
