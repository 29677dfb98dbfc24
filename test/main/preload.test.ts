/**
 * The preload with a stand-in for 'electron' (vi.mock replaces the module, so
 * the real one — which would download a binary under Node — is never loaded).
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CORE_PORT_MESSAGE, type DesktopApi } from '../../src/preload/api';
import { IPC } from '../../src/preload/channels';

const exposed: Record<string, unknown> = {};
const ipcRenderer = Object.assign(new EventEmitter(), {
  sentMessages: [] as Array<{ channel: string; args: unknown[] }>,
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  send(channel: string, ...args: unknown[]) {
    this.sentMessages.push({ channel, args });
  },
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args });
    return null;
  },
});
const windowMessages: Array<{ message: unknown; origin: string; transfer: unknown[] }> = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer,
}));

beforeAll(async () => {
  vi.stubGlobal('window', { postMessage: (message: unknown, origin: string, transfer: unknown[]) => windowMessages.push({ message, origin, transfer }) });
  await import('../../src/preload/index');
});

const api = () => exposed.reluLab as DesktopApi;

describe('preload', () => {
  it('exposes the desktop API as window.reluLab with a random nonce', () => {
    expect(api().platform).toBe('electron');
    expect(api().portNonce).toMatch(/^[0-9a-f]{32}$/);
  });

  it('relays the core port to the page with the nonce', () => {
    const port = { fake: 'port' };
    ipcRenderer.emit(IPC.corePort, { ports: [port] });
    expect(windowMessages).toEqual([{ message: { type: CORE_PORT_MESSAGE, nonce: api().portNonce }, origin: '*', transfer: [port] }]);
  });

  it('forwards calls to main on their channels', async () => {
    api().requestCorePort();
    api().setDocumentState({ title: 't', dirty: true });
    await api().saveFile({ suggestedName: 'a.png', filters: [], data: new Uint8Array([1]) });
    await api().readDataFile({ experiment: '/home/u/x.relu.json', file: 'd.csv' });
    expect(ipcRenderer.sentMessages.map((m) => m.channel)).toEqual([IPC.requestCorePort, IPC.setDocumentState]);
    expect(ipcRenderer.invoked.map((m) => m.channel)).toEqual([IPC.saveFile, IPC.readDataFile]);
    expect(ipcRenderer.invoked[1]!.args).toEqual([{ experiment: '/home/u/x.relu.json', file: 'd.csv' }]);
  });

  it('hands menu commands to the handler without the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api().onMenu((c) => seen.push(c));
    ipcRenderer.emit(IPC.menu, { sender: 'secret' }, 'save');
    off();
    ipcRenderer.emit(IPC.menu, { sender: 'secret' }, 'new');
    expect(seen).toEqual(['save']);
  });
});
