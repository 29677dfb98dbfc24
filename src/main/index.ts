/**
 * Electron main entry: the only module that imports 'electron'. Everything
 * else takes these modules as arguments, so tests run it with fakes.
 */
import * as fs from 'node:fs/promises';
import { BrowserWindow, Menu, MessageChannelMain, app, dialog, ipcMain, nativeTheme, protocol, screen, session, shell, utilityProcess } from 'electron';
import { createApp } from './app';
import type { ElectronDeps } from './electronApi';
import { nodeRunFs } from './nodeRunFs';

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

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  createApp(deps).ready.catch((e: unknown) => {
    console.error('[relu-lab] could not start:', e);
    app.exit(1);
  });
}
