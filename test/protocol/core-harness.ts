import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CoreEvent, Envelope } from '../../src/core/protocol/messages';

type Event = Envelope<CoreEvent>;

let bundle: Promise<string> | null = null;

/** Bundles the Node worker host once per test file, so the session runs behind a real port. */
function workerBundle(): Promise<string> {
  bundle ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'relu-lab-core-')), 'core-worker.mjs');
    await build({
      entryPoints: ['src/core/host/node-worker.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
      absWorkingDir: process.cwd(),
      nodePaths: [join(process.cwd(), 'node_modules')],
    });
    return outfile;
  })();
  return bundle;
}

/**
 * The core in a worker thread, seen from the renderer's side: send commands,
 * wait for events. `autoAck` makes it behave like a renderer that draws every
 * frame at once; turn it off to play a slow renderer.
 */
export class CoreHarness {
  readonly events: Event[] = [];
  autoAck = true;
  private waiters: { test: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];

  private constructor(readonly worker: Worker) {
    worker.on('message', (e: Event) => {
      this.events.push(e);
      if (e.type === 'frame' && this.autoAck) this.send({ type: 'ack', seq: e.frame.seq });
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(e)) return true;
        w.resolve(e);
        return false;
      });
    });
  }

  static async start(): Promise<CoreHarness> {
    const harness = new CoreHarness(new Worker(await workerBundle()));
    await harness.next((e) => e.type === 'ready');
    return harness;
  }

  send(command: object): void {
    this.worker.postMessage({ protocol: 1, ...command });
  }

  /** Raw message, for malformed-input tests. */
  sendRaw(data: unknown): void {
    this.worker.postMessage(data);
  }

  /** The next event (from now on) that passes `test`. */
  next<T extends Event['type']>(type: T, test?: (e: Extract<Event, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<Event, { type: T }>>;
  next(test: (e: Event) => boolean, timeoutMs?: number): Promise<Event>;
  next(a: string | ((e: Event) => boolean), b?: unknown, c?: number): Promise<Event> {
    const test = typeof a === 'string' ? (e: Event) => e.type === a && (!b || (b as (e: Event) => boolean)(e)) : a;
    const timeoutMs = (typeof a === 'string' ? c : (b as number | undefined)) ?? 15_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; last events: ${this.events.slice(-5).map((e) => e.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ test, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }

  of<T extends Event['type']>(type: T): Extract<Event, { type: T }>[] {
    return this.events.filter((e): e is Extract<Event, { type: T }> => e.type === type);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
