/**
 * One document window: created with the secure options, restored to its last
 * bounds, with its own core, file grants and close guard.
 */
import { IPC } from '../preload/channels';
import type { MenuCommand } from '../preload/api';
import { CloseGuard } from './closeGuard';
import { CoreHost } from './coreHost';
import { DocumentFiles } from './documentFiles';
import type { BrowserWindowLike, ElectronDeps } from './electronApi';
import type { WindowContext } from './ipc';
import type { AppPaths } from './paths';
import { windowOptions } from './security';
import { RunFolders } from './runFolders';
import { restoredBounds } from './windowBounds';
import type { SettingsStore } from './settings';

export const DEFAULT_SIZE = { width: 1440, height: 900 };

export interface MainWindow extends WindowContext {
  window: BrowserWindowLike;
  sendMenu(command: MenuCommand): void;
}

export function createMainWindow(
  deps: Pick<ElectronDeps, 'BrowserWindow' | 'dialog' | 'fs' | 'runFs' | 'platform' | 'utilityProcess' | 'MessageChannelMain' | 'screen'>,
  options: { paths: AppPaths; settings: SettingsStore; url: string; log: (m: string) => void; onClosed: () => void },
): MainWindow {
  const { settings, paths, log } = options;
  const saved = settings.get();
  const displays = deps.screen ? deps.screen.getAllDisplays().map((d) => d.workArea) : null;
  const window = new deps.BrowserWindow(windowOptions(paths.preload, restoredBounds(saved.bounds, displays, DEFAULT_SIZE)));
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const sendMenu = (command: MenuCommand): void => {
    if (!window.isDestroyed()) window.webContents.send(IPC.menu, command);
  };
  const files = new DocumentFiles({ dialog: deps.dialog, fs: deps.fs, settings, window: () => window });
  const guard = new CloseGuard(window, deps.dialog, sendMenu);
  const core = new CoreHost({
    utilityProcess: deps.utilityProcess,
    MessageChannelMain: deps.MessageChannelMain,
    corePath: paths.core,
    target: {
      postMessage: (channel, message, transfer) => {
        if (!window.isDestroyed()) window.webContents.postMessage(channel, message, transfer);
      },
      send: (channel, ...args) => {
        if (!window.isDestroyed()) window.webContents.send(channel, ...args);
      },
    },
    log,
  });

  const runs = new RunFolders({
    dialog: deps.dialog,
    fs: deps.fs,
    runFs: deps.runFs,
    platform: deps.platform,
    window: () => window,
    send: (message) => {
      if (!window.isDestroyed()) window.webContents.send(IPC.runEvent, message);
    },
    log,
  });
  // A reloaded page has forgotten its runs: stop reading them for it.
  window.webContents.on('did-navigate', () => runs.closeAll());

  // Registered after the guard's: bounds are recorded even when the close is then cancelled.
  window.on('close', () => {
    void settings.update({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.on('closed', () => {
    core.stop();
    runs.closeAll();
    options.onClosed();
  });
  window.webContents.on('render-process-gone', (_event: unknown, details: { reason?: string }) => log(`renderer gone: ${details?.reason ?? 'unknown'}`));

  void window.loadURL(options.url).catch((e: unknown) => log(`could not load ${options.url}: ${e instanceof Error ? e.message : String(e)}`));
  return { window, files, guard, core, runs, sendMenu };
}
