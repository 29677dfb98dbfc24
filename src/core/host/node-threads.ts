/**
 * The kernels' helper thread in Node hosts (the CLI, the Electron utility
 * process, node-worker): a worker_threads Worker running the kernels'
 * helper script (src/core/kernels/wasm/threads.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SpawnHelper } from '../kernels/wasm/threads';

/**
 * A SpawnHelper where the machine has at least `minCores` cores (the app
 * asks for more than the CLI: its window needs a core of its own).
 */
export function nodeHelper(minCores = 2): SpawnHelper | undefined {
  if (availableParallelism() < minCores) return undefined;
  return (source, data) => {
    const worker = new Worker(source, { eval: true, workerData: data });
    // A helper never keeps the process alive: it sleeps between jobs until the process ends.
    worker.unref();
    return true;
  };
}
