/**
 * The kernels' helper thread in the browser's Web Worker host: a nested
 * dedicated Worker running the kernels' helper script
 * (src/core/kernels/wasm/threads.ts), where the page is cross-origin
 * isolated (a shared WebAssembly memory needs it: the web build's servers
 * send COOP and COEP headers) and the machine has the cores for it.
 */
import type { SpawnHelper } from '../kernels/wasm/threads';

/** What a browser worker scope offers, typed by hand: the project's DOM lib describes a window. */
export interface BrowserScope {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
  Worker?: new (url: string) => { postMessage(message: unknown): void };
  URL: { createObjectURL(blob: Blob): string };
}

/**
 * A SpawnHelper where the scope can share memory with a worker and the
 * machine has at least `minCores` cores: the page's window, the core's worker
 * and the helper each need one, as in Electron (src/core/host/utility.ts).
 */
export function browserHelper(minCores = 4, scope: BrowserScope = globalThis as unknown as BrowserScope): SpawnHelper | undefined {
  const Worker = scope.Worker;
  if (!scope.crossOriginIsolated || !Worker || (scope.navigator?.hardwareConcurrency ?? 1) < minCores) return undefined;
  return (source, data) => {
    // The script reads its data as Node's workerData; here it comes as the first message.
    const script = `self.onmessage = (event) => {\n  self.onmessage = null;\n  const require = () => ({ workerData: event.data });\n${source}\n};\n`;
    const worker = new Worker(scope.URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
    worker.postMessage(data);
    return true;
  };
}
