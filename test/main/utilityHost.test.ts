/** The core's utility-process adapter, with Electron's parentPort and MessagePortMain played by event emitters. */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

class FakePortMain extends EventEmitter {
  readonly posted: any[] = [];
  started = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  start(): void {
    this.started = true;
  }
  /** Electron's MessagePortMain delivers `{ data }` events. */
  deliver(data: unknown): void {
    this.emit('message', { data, ports: [] });
  }
}

const parentPort = new EventEmitter();
(process as unknown as { parentPort?: EventEmitter }).parentPort = parentPort;
afterAll(() => {
  delete (process as unknown as { parentPort?: EventEmitter }).parentPort;
});

describe('core in a utility process', () => {
  // The host takes one port for its life (main forks a new process for a new port).
  const port = new FakePortMain();

  it('starts a session on the port main sends and speaks the protocol over it', async () => {
    await import('../../src/core/host/utility');
    parentPort.emit('message', { data: { type: 'port' }, ports: [port] });
    expect(port.started).toBe(true);
    expect(port.posted[0]).toEqual({ protocol: 1, type: 'ready' });

    port.deliver({ protocol: 1, type: 'no-such-command' });
    await expect.poll(() => port.posted.length).toBeGreaterThan(1);
    expect(port.posted[1]).toMatchObject({ protocol: 1, type: 'error' });
    expect(port.posted[1].message).toMatch(/no-such-command/);
    port.posted.length = 0;

    // Frames cross an Electron port by structured clone: the typed arrays arrive as typed arrays.
    const experiment = JSON.parse(readFileSync(new URL('../../presets/sparsity-at-init.relu.json', import.meta.url), 'utf8'));
    port.deliver({ protocol: 1, type: 'load', experiment });
    port.deliver({ protocol: 1, type: 'step', n: 5 });
    await expect.poll(() => port.posted.some((e) => e.type === 'status' && e.step >= 5), { timeout: 20_000 }).toBe(true);
    const frame = port.posted.filter((e) => e.type === 'frame').at(-1)?.frame;
    expect(frame).toBeDefined();
    expect(frame.layers[0].activationRate).toBeInstanceOf(Float32Array);
    expect(port.posted.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('reads no file an experiment names: the renderer sends the text main gave it', async () => {
    const experiment = JSON.parse(readFileSync(new URL('../../examples/csv.relu.json', import.meta.url), 'utf8'));
    for (const path of ['/etc/passwd', '../../../../../../etc/passwd', 'examples/data/iris-like.csv']) {
      port.posted.length = 0;
      port.deliver({ protocol: 1, type: 'load', experiment: { ...experiment, data: { ...experiment.data, path } } });
      await expect.poll(() => port.posted.some((e) => e.type === 'error')).toBe(true);
      const error = port.posted.find((e) => e.type === 'error');
      expect(error).toMatchObject({ code: 'bad-data' });
      expect(error.message).toContain(`the app did not send the file "${path}"`);
      expect(error.message).not.toMatch(/root:/);
    }
    // With the text, it loads.
    port.posted.length = 0;
    const text = readFileSync(new URL('../../examples/data/iris-like.csv', import.meta.url), 'utf8');
    port.deliver({ protocol: 1, type: 'load', experiment, files: { [experiment.data.path]: text } });
    await expect.poll(() => port.posted.some((e) => e.type === 'loaded'), { timeout: 20_000 }).toBe(true);
  });
});
