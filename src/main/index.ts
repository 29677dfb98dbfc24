/**
 * Electron main entry: the only module that imports 'electron'. Everything
 * else takes these modules as arguments, so tests run it with fakes.
 */
import * as fs from 'node:fs/promises';
import { BrowserWindow, Menu, MessageChannelMain, app, dialog, ipcMain, nativeTheme, protocol, screen, session, shell, utilityProcess } from 'electron';
import { createApp } from './app';
import type { ElectronDeps } from './electronApi';
import { nodeRunFs } from './nodeRunFs';
import { runServe, serveArguments } from './commandLine';
import { appPaths } from './paths';

const deps: ElectronDeps = {
  app,
  BrowserWindow,
  Menu,
  dialog,
  ipcMain,
  protocol,
  shell,
  utilityProcess,
  MessageChannelMain,
  session,
  nativeTheme,
  screen,
  fs,
  runFs: nodeRunFs,
  platform: process.platform,
  devServerUrl: (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined,
};

const serveArgs = serveArguments(process.argv, app.isPackaged);
if (serveArgs) {
  // A server for browsers, no window: it runs until Ctrl+C.
  app.dock?.hide();
  void runServe(serveArgs, appPaths(app.getAppPath()).renderer, {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  createApp(deps).ready.catch((e: unknown) => {
    console.error('[relu-lab] could not start:', e);
    app.exit(1);
  });
}
