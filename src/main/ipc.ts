/**
 * IPC handlers behind the preload bridge. Each first checks who is asking:
 * only the app's own top-level page (its origin, not an iframe or a page it
 * navigated to) may use them; then it validates what was sent.
 */
import { IPC } from '../preload/channels';
import type { CloseGuard } from './closeGuard';
import type { CoreHost } from './coreHost';
import type { DocumentFiles } from './documentFiles';
import type { IpcEventLike, IpcMainLike } from './electronApi';
import { parseDataFileRequest, parseDocumentState, parseDroppedPaths, parseOpenFileRequest, parsePath, parseRunAck, parseRunStream, parseSaveFileRequest, parseTheme, parseWebUrl } from './ipcInput';
import type { RunFolders } from './runFolders';
import { originOf } from './security';
import type { SettingsStore } from './settings';

export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`refused ${channel}: the request came from ${url ?? 'an unknown frame'}, not from the app`);
    this.name = 'UntrustedSenderError';
  }
}

export function isTrustedSender(event: IpcEventLike, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent) return false;
  return originOf(frame.url) === appOrigin;
}

/** What main keeps per window; IPC finds it from the sender. */
export interface WindowContext {
  files: DocumentFiles;
  guard: CloseGuard;
  core: CoreHost;
  runs: RunFolders;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  appOrigin: string;
  contextFor(event: IpcEventLike): WindowContext | null;
  settings: SettingsStore;
  /** Opens a web link in the browser after asking the user (security.ts' openExternalLink). */
  openLink(url: string): void;
  setTheme(theme: 'dark' | 'light'): void;
  log?: (message: string) => void;
}

export function registerIpc(deps: IpcDeps): void {
  const log = deps.log ?? (() => {});

  const context = (channel: string, event: IpcEventLike): WindowContext => {
    if (!isTrustedSender(event, deps.appOrigin)) throw new UntrustedSenderError(channel, event.senderFrame?.url);
    const ctx = deps.contextFor(event);
    if (!ctx) throw new Error(`refused ${channel}: no app window for this sender`);
    return ctx;
  };

  const handle = (channel: string, fn: (ctx: WindowContext, ...args: unknown[]) => unknown) =>
    deps.ipcMain.handle(channel, (event, ...args) => fn(context(channel, event), ...args));

  /** One-way messages cannot reject: a refusal is logged and the message dropped. */
  const on = (channel: string, fn: (ctx: WindowContext, ...args: unknown[]) => void) =>
    deps.ipcMain.on(channel, (event, ...args) => {
      try {
        fn(context(channel, event), ...args);
      } catch (e) {
        log(e instanceof Error ? e.message : String(e));
      }
    });

  handle(IPC.openFile, (ctx, request) => ctx.files.openFile(parseOpenFileRequest(request)));
  handle(IPC.openRecent, (ctx, path) => ctx.files.openRecent(parsePath(path, 'openRecent.path')));
  handle(IPC.saveFile, async (ctx, request) => {
    let saved = false;
    try {
      const result = await ctx.files.saveFile(parseSaveFileRequest(request));
      saved = result !== null && 'path' in result;
      return result;
    } finally {
      ctx.guard.saveEnded(saved);
    }
  });
  handle(IPC.readDataFile, (ctx, request) => ctx.files.readDataFile(parseDataFileRequest(request)));
  handle(IPC.getRecentFiles, () => deps.settings.get().recentFiles);
  handle(IPC.getTheme, () => deps.settings.get().theme);

  on(IPC.setTheme, (_ctx, theme) => deps.setTheme(parseTheme(theme)));
  on(IPC.setDocumentState, (ctx, state) => ctx.guard.setDocumentState(parseDocumentState(state)));
  on(IPC.requestCorePort, (ctx) => ctx.core.connect());
  on(IPC.openExternal, (_ctx, url) => deps.openLink(parseWebUrl(url, 'openExternal.url')));
  handle(IPC.openRunFolder, (ctx) => ctx.runs.pick());
  handle(IPC.openDroppedRun, (ctx, paths) => ctx.runs.openDropped(parseDroppedPaths(paths)));
  on(IPC.runStart, (ctx, value) => {
    const { runId, stream } = parseRunStream(value, 'runStart');
    ctx.runs.start(runId, stream);
  });
  on(IPC.runAck, (ctx, value) => {
    const { runId, stream, seq } = parseRunAck(value);
    ctx.runs.ack(runId, stream, seq);
  });
  on(IPC.runStop, (ctx, value) => {
    const { runId, stream } = parseRunStream(value, 'runStop');
    ctx.runs.stop(runId, stream);
  });
}
