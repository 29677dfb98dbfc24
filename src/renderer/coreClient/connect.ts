/**
 * Finds the core for this host: in Electron the MessagePort main hands over
 * (relayed by the preload), in a browser a Web Worker of our own.
 */
import { CORE_PORT_MESSAGE, type DesktopApi } from '../../preload/api';
import { CoreClient, type PortLike } from './CoreClient';

export interface CoreConnection {
  client: CoreClient;
  /**
   * Called when a new port replaced the first one: after main restarted a
   * crashed core (`reason` says why) or re-sent the port (`reason` null).
   * Either way the core behind it may know nothing of the design yet.
   */
  onNewPort(handler: (reason: string | null) => void): void;
}

export function connectCore(): CoreConnection {
  const api = window.reluLab;
  return api ? connectElectron(api) : connectWorker();
}

function connectWorker(): CoreConnection {
  const worker = new Worker(new URL('../../core/host/worker.ts', import.meta.url), { type: 'module', name: 'relu-lab-core' });
  const client = new CoreClient(worker);
  worker.onerror = (event) => {
    // A worker that fails to start (or throws outside the session) would otherwise stay silent.
    event.preventDefault();
    client.receive({ protocol: 1, type: 'error', code: 'internal', message: `the core worker failed: ${event.message || 'unknown error'}` });
  };
  return { client, onNewPort: () => {} };
}

/** Messages sent before the port arrives wait here, so callers never race the relay. */
class PendingPort implements PortLike {
  readonly queue: unknown[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown): void {
    this.queue.push(message);
  }
}

function connectElectron(api: DesktopApi): CoreConnection {
  const pending = new PendingPort();
  const client = new CoreClient(pending);
  let newPortHandler: (reason: string | null) => void = () => {};
  let restartReason: string | null = null;
  let ports = 0;

  window.addEventListener('message', (event: MessageEvent) => {
    // Only the preload (same window) with the nonce main gave it may hand us a port.
    if (event.source !== window) return;
    const data = event.data as { type?: unknown; nonce?: unknown } | null;
    if (!data || data.type !== CORE_PORT_MESSAGE || data.nonce !== api.portNonce) return;
    const port = event.ports[0];
    if (!port) return;
    client.replacePort(port);
    port.start();
    for (const message of pending.queue.splice(0)) port.postMessage(message);
    if (++ports > 1) {
      const reason = restartReason;
      restartReason = null;
      newPortHandler(reason);
    }
  });
  api.onCoreRestarted((info) => {
    restartReason = `${info.reason}${info.exitCode === null ? '' : ` (exit code ${info.exitCode})`}`;
  });
  api.requestCorePort();
  return {
    client,
    onNewPort: (handler) => {
      newPortHandler = handler;
    },
  };
}
