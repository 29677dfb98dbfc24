/**
 * The sandboxed preload: exposes the narrow DesktopApi as `window.reluLab`
 * and relays the core's MessagePort, which contextBridge cannot carry, with
 * window.postMessage under a nonce only the page's bridge knows.
 * Built as CommonJS (out/preload/index.cjs): sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CORE_PORT_MESSAGE, type DesktopApi, type MenuCommand, type OpenedRun, type RunEventMessage } from './api';
import { IPC } from './channels';

function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const portNonce = makeNonce();

ipcRenderer.on(IPC.corePort, (event) => {
  const port = event.ports[0];
  if (port) window.postMessage({ type: CORE_PORT_MESSAGE, nonce: portNonce }, '*', [port]);
});

/** Subscribes and returns the unsubscribe, without handing the renderer the IPC event (it carries `sender`). */
function listen<T>(channel: string, handler: (value: T) => void): () => void {
  const listener = (_event: unknown, value: T) => handler(value);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

/**
 * Paths of dropped files, for main only: the page hands over File objects
 * and gets back a run id and a name. A File the page made itself has no
 * path; such a drop is refused.
 */
async function openDroppedRun(...files: File[]): Promise<OpenedRun> {
  const paths = files.map((file) => webUtils.getPathForFile(file));
  if (paths.length === 0 || paths.some((p) => !p)) throw new Error('Only files and folders dropped from the computer can be opened as a run');
  return ipcRenderer.invoke(IPC.openDroppedRun, paths);
}

const api: DesktopApi = {
  platform: 'electron',
  portNonce,
  requestCorePort: () => ipcRenderer.send(IPC.requestCorePort),
  openFile: (options) => ipcRenderer.invoke(IPC.openFile, options),
  openRecent: (path) => ipcRenderer.invoke(IPC.openRecent, path),
  saveFile: (options) => ipcRenderer.invoke(IPC.saveFile, options),
  readDataFile: (request) => ipcRenderer.invoke(IPC.readDataFile, request),
  setDocumentState: (state) => ipcRenderer.send(IPC.setDocumentState, state),
  getRecentFiles: () => ipcRenderer.invoke(IPC.getRecentFiles),
  getTheme: () => ipcRenderer.invoke(IPC.getTheme),
  setTheme: (theme) => ipcRenderer.send(IPC.setTheme, theme),
  onMenu: (handler) => listen<MenuCommand>(IPC.menu, handler),
  onCoreRestarted: (handler) => listen<{ reason: string; exitCode: number | null }>(IPC.coreRestarted, handler),
  openExternal: (url) => ipcRenderer.send(IPC.openExternal, url),
  openRunFolder: () => ipcRenderer.invoke(IPC.openRunFolder),
  openDroppedRun,
  startRun: (runId, stream) => ipcRenderer.send(IPC.runStart, { runId, stream }),
  ackRunEvent: (runId, stream, seq) => ipcRenderer.send(IPC.runAck, { runId, stream, seq }),
  stopRun: (runId, stream) => ipcRenderer.send(IPC.runStop, { runId, stream }),
  onRunEvent: (handler) => listen<RunEventMessage>(IPC.runEvent, handler),
};

contextBridge.exposeInMainWorld('reluLab', api);
