import { Worker as NodeWorker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { browserHelper, type BrowserScope } from '../../src/core/host/browser-threads';
import { createWasmKernels, type ArenaKernels } from '../../src/core/kernels/wasm/index';
import { Rng } from '../../src/core/random/rng';

/**
 * A browser worker scope played by Node: blob URLs hold scripts, and a
 * "Worker" runs one in a worker thread whose `self.onmessage` gets the
 * messages, as a dedicated worker's would.
 */
function browserLike(overrides: Partial<BrowserScope> = {}): BrowserScope {
  const blobs = new Map<string, Blob>();
  class Worker {
    private readonly thread: Promise<NodeWorker>;
    constructor(url: string) {
      this.thread = blobs.get(url)!.text().then((script) => {
        const worker = new NodeWorker(
          `const { parentPort } = require('node:worker_threads');\nconst self = {};\n${script}\nparentPort.once('message', (data) => self.onmessage({ data }));`,
          { eval: true },
        );
        worker.unref();
        return worker;
      });
    }
    postMessage(message: unknown): void {
      void this.thread.then((worker) => worker.postMessage(message));
    }
  }
  return {
    crossOriginIsolated: true,
    navigator: { hardwareConcurrency: 8 },
    Worker,
    URL: {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
    },
    ...overrides,
  };
}

describe('the helper thread in a browser worker', () => {
  it('starts on a cross-origin-isolated page with four cores or more, and the kernels then split their work with the same bits', async () => {
    const kernels = createWasmKernels({ fusedMultiplyAdd: false, threads: browserHelper(4, browserLike()) }) as ArenaKernels;
    expect(kernels.name).toBe('wasm-simd, 2 threads');
    await vi.waitUntil(() => kernels.threads === 2, { timeout: 10_000 });
    const one = createWasmKernels({ fusedMultiplyAdd: false }) as ArenaKernels;
    const rng = new Rng(4);
    const [m, n, k] = [256, 128, 300];
    const a = Float32Array.from({ length: m * k }, () => rng.normal());
    const b = Float32Array.from({ length: n * k }, () => rng.normal());
    const [want, got] = [new Float32Array(m * n), new Float32Array(m * n)];
    one.gemmNT(m, n, k, a, b, want);
    kernels.gemmNT(m, n, k, a, b, got);
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it.each([
    ['the page is not cross-origin isolated (no shared memory)', { crossOriginIsolated: false }],
    ['the machine has fewer cores (the window needs one)', { navigator: { hardwareConcurrency: 2 } }],
    ['the scope cannot start workers', { Worker: undefined }],
  ])('is not started where %s', (_, overrides) => {
    expect(browserHelper(4, browserLike(overrides))).toBeUndefined();
  });
});
