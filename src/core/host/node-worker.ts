/**
 * Host adapter: the core in a Node worker thread (protocol tests, and any
 * Node program that wants the session behind a real port).
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { startSession } from '../session/session';
import { setDefaultKernels } from '../kernels';
import { fastestKernels } from '../kernels/wasm';
import { nodeHelper } from './node-threads';

// The same kernels as every other host, so runs agree bit for bit (a second thread changes only the speed).
setDefaultKernels(fastestKernels({ threads: nodeHelper() }));

if (!parentPort) throw new Error('node-worker.ts must run inside a worker thread');
const port = parentPort;

startSession(
  {
    post: (event, transfer) => port.postMessage(event, transfer),
    onMessage: (handler) => port.on('message', handler),
  },
  {
    now: () => performance.now(),
    schedule: (fn) => setImmediate(fn),
    later: (fn, ms) => setTimeout(fn, ms),
    readText: (path) => readFile(path, 'utf8'),
  },
);
