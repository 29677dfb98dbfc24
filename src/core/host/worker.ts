/**
 * Host adapter: the core in a Web Worker (the web build and its browser
 * tests). The renderer sends CSV texts with `load.files`, so there is no
 * readText here.
 */
import { setDefaultKernels } from '../kernels';
import { fastestKernels } from '../kernels/wasm';
import { startSession } from '../session/session';
import { browserHelper } from './browser-threads';

// WebAssembly SIMD where the browser has it (every current one), with a
// helper thread on a cross-origin-isolated page and four cores or more; the
// plain kernels where there is no SIMD.
setDefaultKernels(fastestKernels({ threads: browserHelper() }));

/** The worker's global scope, typed by hand: the project's DOM lib describes a window, not a worker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

/**
 * setTimeout(0) is clamped to ≥ 4 ms after a few nestings, which would cost a
 * good part of every 8 ms training slice; a MessageChannel round trip is not clamped.
 */
function makeScheduler(): (fn: () => void) => void {
  const channel = new MessageChannel();
  const pending: Array<() => void> = [];
  channel.port1.onmessage = () => {
    const fn = pending.shift();
    if (fn) fn();
  };
  return (fn) => {
    pending.push(fn);
    channel.port2.postMessage(null);
  };
}

startSession(
  {
    post: (event, transfer) => scope.postMessage(event, transfer),
    onMessage: (handler) => {
      scope.onmessage = (event) => handler(event.data);
    },
  },
  {
    now: () => performance.now(),
    schedule: makeScheduler(),
    later: (fn, ms) => setTimeout(fn, ms),
  },
);
