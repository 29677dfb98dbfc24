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
/** Files dropped from disk have a path; a File the page made itself has none (Electron returns ''). */
const diskPaths = new Map<object, string>();
const windowMessages: Array<{ message: unknown; origin: string; transfer: unknown[] }> = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer,
  webUtils: { getPathForFile: (file: object) => diskPaths.get(file) ?? '' },
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

  it('turns dropped files into paths for main only: the page gets what main answers', async () => {
    const folder = { name: 'cnn' };
    diskPaths.set(folder, '/home/u/runs/cnn');
    ipcRenderer.invoked.length = 0;
    await api().openDroppedRun(folder as unknown as File);
    expect(ipcRenderer.invoked).toEqual([{ channel: IPC.openDroppedRun, args: [['/home/u/runs/cnn']] }]);
    await expect(api().openDroppedRun({ name: 'made-in-js.json' } as unknown as File)).rejects.toThrow('Only files and folders dropped from the computer can be opened as a run');
    await expect(api().openDroppedRun()).rejects.toThrow(/Only files and folders/);
    expect(ipcRenderer.invoked).toHaveLength(1);
  });

  it('starts, acknowledges and stops runs, and hands run events over without the IPC event', () => {
    ipcRenderer.sentMessages.length = 0;
    const id = '00000000-0000-4000-8000-000000000000';
    const seen: unknown[] = [];
    const off = api().onRunEvent((m) => seen.push(m));
    api().startRun(id, 1);
    ipcRenderer.emit(IPC.runEvent, { sender: 'secret' }, { runId: id, stream: 1, seq: 0, event: { type: 'caughtUp', following: true } });
    api().ackRunEvent(id, 1, 0);
    api().stopRun(id, 1);
    off();
    ipcRenderer.emit(IPC.runEvent, { sender: 'secret' }, { runId: id, stream: 1, seq: 1, event: { type: 'caughtUp', following: true } });
    expect(seen).toEqual([{ runId: id, stream: 1, seq: 0, event: { type: 'caughtUp', following: true } }]);
    expect(ipcRenderer.sentMessages).toEqual([
      { channel: IPC.runStart, args: [{ runId: id, stream: 1 }] },
      { channel: IPC.runAck, args: [{ runId: id, stream: 1, seq: 0 }] },
      { channel: IPC.runStop, args: [{ runId: id, stream: 1 }] },
    ]);
  });
});
