import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { CORE_PORT_MESSAGE, type DesktopApi } from '../../src/preload/api';
import { connectCore } from '../../src/renderer/coreClient/connect';

type Listener = (event: unknown) => void;

/** Just enough of an Electron renderer window: message listeners and the preload's bridge. */
function fakeElectronWindow() {
  const listeners: Listener[] = [];
  let restarted: ((info: { reason: string; exitCode: number | null }) => void) | null = null;
  let portRequests = 0;
  const api = {
    platform: 'electron',
    portNonce: 'n0nce',
    requestCorePort: () => { portRequests++; },
    onCoreRestarted: (h: typeof restarted) => { restarted = h; return () => {}; },
  } as unknown as DesktopApi;
  const win = { reluLab: api, addEventListener: (_type: string, l: Listener) => listeners.push(l) };
  (globalThis as Record<string, unknown>).window = win;
  return {
    relay(port: MessagePort, opts: { nonce?: string; source?: unknown } = {}) {
      const event = { source: opts.source ?? win, data: { type: CORE_PORT_MESSAGE, nonce: opts.nonce ?? 'n0nce' }, ports: [port] };
      for (const l of listeners) l(event);
    },
    crash: (reason: string) => restarted!({ reason, exitCode: 3 }),
    portRequests: () => portRequests,
  };
}

/** Collects what the core side of a channel receives. */
function coreSide(port: MessagePort): unknown[] {
  const got: unknown[] = [];
  port.on('message', (m) => got.push(m));
  return got;
}

/**
 * Resolves once everything sent into `port` before now has reached the
 * other side: a marker sent after it comes out after it (a port keeps order).
 */
function drained(port: MessagePort, got: unknown[]): Promise<void> {
  const marker = { drained: Math.random() };
  port.postMessage(marker);
  return new Promise((resolve) => {
    const check = (): void => {
      const i = got.findIndex((m) => (m as typeof marker).drained === marker.drained);
      if (i < 0) return void setImmediate(check);
      got.splice(i, 1);
      resolve();
    };
    check();
  });
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).window;
});

describe('connecting to the core in Electron', () => {
  it('asks main for the port, queues commands until it comes, and accepts it only from this window with the nonce', async () => {
    const win = fakeElectronWindow();
    const { client } = connectCore();
    expect(win.portRequests()).toBe(1);
    client.send({ type: 'play' });

    const stranger = new MessageChannel();
    const strangerGot = coreSide(stranger.port2);
    win.relay(stranger.port1, { nonce: 'wrong' });
    win.relay(stranger.port1, { source: {} });

    const channel = new MessageChannel();
    const got = coreSide(channel.port2);
    win.relay(channel.port1);
    client.send({ type: 'pause' });
    await drained(channel.port1, got);
    await drained(stranger.port1, strangerGot);
    expect(strangerGot).toEqual([]);
    expect(got).toEqual([{ type: 'play', protocol: 1 }, { type: 'pause', protocol: 1 }]);
    channel.port1.close();
    stranger.port1.close();
  });

  it('after a crash the new port replaces the old one and the app hears why', async () => {
    const win = fakeElectronWindow();
    const { client, onNewPort } = connectCore();
    const reasons: (string | null)[] = [];
    onNewPort((r) => reasons.push(r));
    const first = new MessageChannel();
    win.relay(first.port1);
    win.crash('the core crashed');
    const second = new MessageChannel();
    const got = coreSide(second.port2);
    win.relay(second.port1);
    client.send({ type: 'probe' });
    await drained(second.port1, got);
    expect(reasons).toEqual(['the core crashed (exit code 3)']);
    expect(got).toEqual([{ type: 'probe', protocol: 1 }]);
    first.port1.close();
    second.port1.close();
  });
});
