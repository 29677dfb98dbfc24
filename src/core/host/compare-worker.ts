/**
 * Host adapter: comparisons and born-dead grids in their own Web Worker, so
 * the UI (and the live session's worker) stay responsive while they train.
 * Requests are validated by CompareJobs; events go out as plain objects.
 */
import { CompareJobs } from '../compare/jobs';
import { setDefaultKernels } from '../kernels';
import { fastestKernels } from '../kernels/wasm';

// The same kernels as every other host, so runs agree bit for bit.
setDefaultKernels(fastestKernels());

/** The worker's global scope, typed by hand: the project's DOM lib describes a window, not a worker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}
const scope = self as unknown as WorkerScope;

const jobs = new CompareJobs({
  post: (event) => scope.postMessage(event),
  now: () => performance.now(),
  // A macrotask, so a queued `cancel` message is handled before the next run starts.
  schedule: (fn) => setTimeout(fn, 0),
});
scope.onmessage = (event) => jobs.receive(event.data);
