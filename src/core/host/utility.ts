/**
 * Host adapter: the core in an Electron utility process. Main sends one
 * MessagePortMain (the other end is the renderer's); frames then go straight
 * to the renderer. Electron ports transfer only ports, so typed arrays in
 * frames are structured-cloned, never moved. It reads no files: an
 * experiment's data file comes as text with `load` (main read it for the
 * renderer, inside the experiment's folder or where the user picked it), so
 * no experiment can make it read anything else.
 */
import { setDefaultKernels } from '../kernels';
import { fastestKernels } from '../kernels/wasm';
import { nodeHelper } from './node-threads';
import { startSession } from '../session/session';

/** The parts of Electron's MessagePortMain and parentPort used here, typed by hand: this file must not import 'electron'. */
interface PortMain {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: PortMain[] }) => void): void;
}

// Electron's Node has WebAssembly SIMD; fastestKernels falls back to the plain kernels where it does not.
// A second thread for the large products only with four cores or more: the window needs one of its own.
setDefaultKernels(fastestKernels({ threads: nodeHelper(4) }));

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('utility.ts must run in an Electron utility process (utilityProcess.fork)');

parentPort.once('message', (message) => {
  const port = message.ports[0];
  if (!port) throw new Error('the first message from main must carry the core port');
  startSession(
    {
      post: (event) => port.postMessage(event),
      onMessage: (handler) => port.on('message', (e) => handler(e.data)),
    },
    {
      now: () => performance.now(),
      schedule: (fn) => setImmediate(fn),
      later: (fn, ms) => setTimeout(fn, ms),
    },
  );
  port.start();
});
