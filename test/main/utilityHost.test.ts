/** The core's utility-process adapter, with Electron's parentPort and MessagePortMain played by event emitters. */
import { EventEmitter } from 'node:events';
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
  it('starts a session on the port main sends and speaks the protocol over it', async () => {
    await import('../../src/core/host/utility');
    const port = new FakePortMain();
    parentPort.emit('message', { data: { type: 'port' }, ports: [port] });
    expect(port.started).toBe(true);
    expect(port.posted[0]).toEqual({ protocol: 1, type: 'ready' });

    port.deliver({ protocol: 1, type: 'no-such-command' });
    await expect.poll(() => port.posted.length).toBeGreaterThan(1);
    expect(port.posted[1]).toMatchObject({ protocol: 1, type: 'error' });
    expect(port.posted[1].message).toMatch(/no-such-command/);
  });
});
