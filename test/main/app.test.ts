/** The whole main process wired by createApp, driven through fake Electron modules. */
import { describe, expect, it } from 'vitest';
import { IPC } from '../../src/preload/channels';
import { createApp } from '../../src/main/app';
import { UntrustedSenderError } from '../../src/main/ipc';
import { contentSecurityPolicy } from '../../src/main/security';
import { FakeBrowserWindow, fakeElectron, ipcEventFrom, settle } from './fakes';

async function started(options: Parameters<typeof fakeElectron>[0] = {}) {
  const electron = fakeElectron(options);
  const app = createApp(electron.deps);
  electron.app.becomeReady();
  await app.ready;
  const window = FakeBrowserWindow.created[0]!;
  const fromApp = ipcEventFrom(window.webContents, 'app://relu-lab/index.html');
  return { ...electron, relu: app, window, fromApp };
}

describe('createApp', () => {
  it('registers app:// as privileged before ready and serves the renderer with the CSP', async () => {
    const { protocol, window } = await started();
    expect(protocol.registeredBeforeReady).toBe(true);
    expect(window.loadedUrl).toBe('app://relu-lab/index.html');
    const handler = protocol.handlers.get('app')!;
    const missing = await handler(new Request('app://relu-lab/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
  });

  it('opens one secure window with the built preload', async () => {
    const { window } = await started();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/relu-lab/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('guards every web contents and denies permissions', async () => {
    const { app, session, opened, dialog } = await started();
    const { FakeWebContents } = await import('./fakes');
    const other = new FakeWebContents();
    app.emit('web-contents-created', {}, other);
    expect(other.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    // A web link opens in the browser only after the user said yes to it.
    dialog.messageBoxResponse = 1;
    expect(other.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    await settle();
    expect(opened).toEqual([]);
    dialog.messageBoxResponse = 0;
    other.windowOpenHandler!({ url: 'https://example.org/' });
    await settle();
    expect(opened).toEqual(['https://example.org/']);
    expect(dialog.calls.filter((c) => c.kind === 'message').map((c) => c.options.message)).toEqual(['Open example.org in your web browser?', 'Open example.org in your web browser?']);
    let granted: boolean | null = null;
    session.requestHandler!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
  });

  it('loads the dev server with a relaxed CSP in development', async () => {
    const { window, session } = await started({ devServerUrl: 'http://localhost:5173/' });
    expect(window.loadedUrl).toBe('http://localhost:5173/');
    expect(session.headersListener).not.toBeNull();
  });

  it('refuses IPC from frames that are not the app', async () => {
    const { ipcMain, window, fs } = await started();
    const foreign = ipcEventFrom(window.webContents, 'https://evil.example/');
    const subframe = ipcEventFrom(window.webContents, 'app://relu-lab/index.html', { url: 'app://relu-lab/' });
    const noFrame = { sender: window.webContents, senderFrame: null };
    for (const event of [foreign, subframe, noFrame]) {
      await expect(ipcMain.invoke(event, IPC.openFile, { title: 'Open', filters: [] })).rejects.toThrow(UntrustedSenderError);
      await expect(ipcMain.invoke(event, IPC.saveFile, { suggestedName: 'x.relu.json', filters: [], data: 'x' })).rejects.toThrow(UntrustedSenderError);
    }
    ipcMain.send(foreign, IPC.setDocumentState, { title: 'pwned', dirty: true });
    expect(window.title).toBe('');
    expect([...fs.files.keys()].filter((p) => p.endsWith('x.relu.json'))).toEqual([]);
  });

  it('opens a link the page asks for only after asking the user', async () => {
    const { ipcMain, fromApp, opened, dialog } = await started();
    dialog.messageBoxResponse = 1;
    ipcMain.send(fromApp, IPC.openExternal, 'https://example.org/a');
    await settle();
    expect(opened).toEqual([]);
    dialog.messageBoxResponse = 0;
    ipcMain.send(fromApp, IPC.openExternal, 'https://example.org/a');
    await settle();
    expect(opened).toEqual(['https://example.org/a']);
  });

  it('refuses IPC from another web contents even on the app origin', async () => {
    const { ipcMain } = await started();
    const stranger = ipcEventFrom({ id: 99_999 }, 'app://relu-lab/index.html');
    await expect(ipcMain.invoke(stranger, IPC.getRecentFiles)).rejects.toThrow(/no app window/);
  });

  it('validates what the renderer sends and names the field', async () => {
    const { ipcMain, fromApp } = await started();
    await expect(ipcMain.invoke(fromApp, IPC.saveFile, { suggestedName: '../../.bashrc', filters: [], data: 'x' })).rejects.toThrow('saveFile.suggestedName: expected a file name without folders');
    await expect(ipcMain.invoke(fromApp, IPC.saveFile, { suggestedName: 'a.png', filters: [], data: 42 })).rejects.toThrow('saveFile.data: expected a string or a Uint8Array');
    await expect(ipcMain.invoke(fromApp, IPC.openFile, { title: 'Open', filters: [{ name: 'x', extensions: ['.json'] }] })).rejects.toThrow(/^openFile.filters\[0\].extensions\[0\]: expected an extension/);
    await expect(ipcMain.invoke(fromApp, IPC.openFile, { title: 'Open', filters: [], extra: 1 })).rejects.toThrow('openFile.extra: expected no such field');
  });

  it('opens and saves files through dialogs for the app page', async () => {
    const { ipcMain, fromApp, fs, dialog } = await started();
    fs.files.set('/home/u/a.relu.json', 'A');
    dialog.openResult = { canceled: false, filePaths: ['/home/u/a.relu.json'] };
    expect(await ipcMain.invoke(fromApp, IPC.openFile, { title: 'Open', filters: [{ name: 'Experiment', extensions: ['relu.json'] }] })).toMatchObject({ text: 'A' });
    expect(await ipcMain.invoke(fromApp, IPC.saveFile, { path: '/home/u/a.relu.json', suggestedName: 'a.relu.json', filters: [], data: 'B' })).toEqual({ path: '/home/u/a.relu.json' });
    expect(fs.files.get('/home/u/a.relu.json')).toBe('B');
    await expect(ipcMain.invoke(fromApp, IPC.saveFile, { path: '/home/u/other.relu.json', suggestedName: 'o.relu.json', filters: [], data: 'C' })).rejects.toThrow(/did not open or save that file/);
    expect(await ipcMain.invoke(fromApp, IPC.getRecentFiles)).toEqual(['/home/u/a.relu.json']);
  });

  it('answers a failed save with the reason, and a close waiting for that save stays open', async () => {
    const { ipcMain, fromApp, fs, dialog, window } = await started();
    fs.files.set('/home/u/a.relu.json', 'A');
    dialog.openResult = { canceled: false, filePaths: ['/home/u/a.relu.json'] };
    await ipcMain.invoke(fromApp, IPC.openFile, { title: 'Open', filters: [] });
    ipcMain.send(fromApp, IPC.setDocumentState, { title: 'a.relu.json', dirty: true });
    dialog.messageBoxResponse = 0; // "Save" in the close question
    window.close();
    await settle();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC.menu, args: ['save'] });
    fs.failWrites = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const result = await ipcMain.invoke(fromApp, IPC.saveFile, { path: '/home/u/a.relu.json', suggestedName: 'a.relu.json', filters: [], data: 'B' });
    expect(result).toEqual({ error: expect.stringMatching(/^Could not save a\.relu\.json in \/home\/u: you may not write there: the folder or the file is read-only \(EACCES\)\. The file there is unchanged\.$/) });
    expect(fs.files.get('/home/u/a.relu.json')).toBe('A');
    // The renderer keeps the document dirty; a clean state now would close: it must not come from this save.
    ipcMain.send(fromApp, IPC.setDocumentState, { title: 'a.relu.json', dirty: false });
    expect(window.isDestroyed()).toBe(false);
  });

  it("reads the data file an opened experiment names next to it, and checks the request's fields", async () => {
    const { ipcMain, fromApp, fs, dialog } = await started();
    fs.files.set('/home/u/exp/x.relu.json', '{}');
    fs.files.set('/home/u/exp/d.csv', 'a,label\n1,x\n');
    dialog.openResult = { canceled: false, filePaths: ['/home/u/exp/x.relu.json'] };
    await ipcMain.invoke(fromApp, IPC.openFile, { title: 'Open', filters: [] });
    expect(await ipcMain.invoke(fromApp, IPC.readDataFile, { experiment: '/home/u/exp/x.relu.json', file: 'd.csv' })).toEqual({ text: 'a,label\n1,x\n' });
    await expect(ipcMain.invoke(fromApp, IPC.readDataFile, { experiment: null, file: '' })).rejects.toThrow('readDataFile.file: expected a non-empty string');
    await expect(ipcMain.invoke(fromApp, IPC.readDataFile, { experiment: null, file: 'a\0b' })).rejects.toThrow('readDataFile.file: expected a path without NUL characters');
    await expect(ipcMain.invoke(ipcEventFrom(fromApp.sender, 'https://evil.example/'), IPC.readDataFile, { experiment: null, file: '/etc/passwd' })).rejects.toThrow(UntrustedSenderError);
  });

  it('starts the core when the renderer asks for its port and restarts it after a crash', async () => {
    const { ipcMain, fromApp, utilityProcess, window } = await started();
    expect(utilityProcess.forked).toHaveLength(0);
    ipcMain.send(fromApp, IPC.requestCorePort);
    expect(utilityProcess.forked).toHaveLength(1);
    expect(utilityProcess.forked[0]!.modulePath).toBe('/opt/relu-lab/out/main/core.js');
    utilityProcess.forked[0]!.crash(1);
    expect(utilityProcess.forked).toHaveLength(2);
    expect(window.webContents.channels).toEqual([IPC.corePort, IPC.coreRestarted, IPC.corePort]);
    window.close();
    expect(utilityProcess.forked[1]!.killed).toBe(true);
    expect(utilityProcess.forked).toHaveLength(2);
  });

  it('keeps the theme and tells the renderer when the menu changes it', async () => {
    const { ipcMain, fromApp, deps, menus, window, relu } = await started();
    expect(await ipcMain.invoke(fromApp, IPC.getTheme)).toBe('dark');
    ipcMain.send(fromApp, IPC.setTheme, 'light');
    expect(deps.nativeTheme.themeSource).toBe('light');
    expect(relu.settings.get().theme).toBe('light');
    const view = menus.at(-1)!.find((m: { label: string }) => m.label === 'View');
    view.submenu.find((i: { label: string }) => i.label === 'Dark Theme').click();
    expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC.menu, args: ['theme-dark'] });
  });

  it('remembers the window bounds for the next start', async () => {
    const first = await started({ userData: '/cfg' });
    first.window.bounds = { x: 40, y: 50, width: 1000, height: 700 };
    first.window.close();
    await settle();
    const saved = first.fs.files.get('/cfg/settings.json');
    const electron = fakeElectron({ userData: '/cfg' });
    electron.fs.files.set('/cfg/settings.json', saved!);
    const app = createApp(electron.deps);
    electron.app.becomeReady();
    await app.ready;
    expect(FakeBrowserWindow.created[0]!.options).toMatchObject({ x: 40, y: 50, width: 1000, height: 700 });
  });

  it('brings the window forward when the app is started a second time', async () => {
    const { app, window } = await started();
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(1);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = await started();
    linux.app.emit('window-all-closed');
    expect(linux.app.quitCalls).toBe(1);
    const mac = await started({ platform: 'darwin' });
    mac.app.emit('window-all-closed');
    expect(mac.app.quitCalls).toBe(0);
  });
});
