/**
 * Wires the desktop app together from injected Electron modules: scheme,
 * session hardening, settings, IPC, menu and the document window.
 */
import { registerAppScheme, createAppProtocolHandler } from './appProtocol';
import type { ElectronDeps, IpcEventLike } from './electronApi';
import { registerIpc } from './ipc';
import { createMainWindow, type MainWindow } from './mainWindow';
import { buildMenuTemplate, listPresets, type PresetItem } from './menu';
import { appPaths } from './paths';
import { APP_ORIGIN, APP_SCHEME, addCspToDevServer, contentSecurityPolicy, denyAllPermissions, guardWebContents, openExternalLink, originOf } from './security';
import { SettingsStore } from './settings';

export interface ReluLabApp {
  /** Resolves once the first window is open. */
  ready: Promise<void>;
  mainWindow(): MainWindow | null;
  settings: SettingsStore;
}

export function createApp(deps: ElectronDeps): ReluLabApp {
  const { app } = deps;
  const log = deps.log ?? ((m: string) => console.error(`[relu-lab] ${m}`));
  const paths = appPaths(app.getAppPath());
  const devOrigin = deps.devServerUrl ? originOf(deps.devServerUrl) ?? undefined : undefined;
  const appOrigin = devOrigin ?? APP_ORIGIN;
  const startUrl = deps.devServerUrl || `${APP_ORIGIN}/index.html`;
  const settings = SettingsStore.inFolder(app.getPath('userData'), deps.fs, log);
  let current: MainWindow | null = null;
  let presets: PresetItem[] = [];

  // Privileged schemes must be registered before 'ready'.
  registerAppScheme(deps.protocol);

  const openLink = (url: string): void => {
    openExternalLink(url, { dialog: deps.dialog, shell: deps.shell, window: () => current?.window ?? null }).catch((e: unknown) =>
      log(`could not open ${url}: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  // Every web contents the app ever creates gets the navigation and window-open guards.
  app.on('web-contents-created', (_event: unknown, contents: Parameters<typeof guardWebContents>[0]) =>
    guardWebContents(contents, appOrigin, openLink, log),
  );
  // index.ts holds the single-instance lock: a second start brings this window forward instead.
  app.on('second-instance', () => {
    if (!current || current.window.isDestroyed()) return;
    if (current.window.isMinimized()) current.window.restore();
    current.window.focus();
  });
  app.on('window-all-closed', () => {
    if (deps.platform !== 'darwin') app.quit();
  });

  const setTheme = (theme: 'dark' | 'light', tellRenderer: boolean): void => {
    deps.nativeTheme.themeSource = theme;
    void settings.update({ theme });
    if (tellRenderer) current?.sendMenu(theme === 'dark' ? 'theme-dark' : 'theme-light');
  };

  const showAbout = (): void => {
    void deps.dialog.showMessageBox(current?.window ?? null, {
      type: 'info',
      buttons: ['OK'],
      title: 'About ReLU Lab',
      message: `ReLU Lab ${app.getVersion()}`,
      detail: `Build small neural networks, train them live and watch ReLU behave.\n\nElectron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
    });
  };

  const rebuildMenu = (): void => {
    const s = settings.get();
    const template = buildMenuTemplate({
      platform: deps.platform,
      isPackaged: app.isPackaged,
      appName: 'ReLU Lab',
      recentFiles: s.recentFiles,
      presets,
      theme: s.theme,
      send: (command) => current?.sendMenu(command),
      setTheme: (theme) => setTheme(theme, true),
      clearRecent: () => void settings.update({ recentFiles: [] }),
      showAbout,
      toggleDevTools: () => current?.window.webContents.toggleDevTools?.(),
      quit: () => app.quit(),
    });
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
  };

  const openWindow = (): void => {
    current = createMainWindow(deps, {
      paths,
      settings,
      url: startUrl,
      log,
      onClosed: () => {
        current = null;
      },
    });
  };

  const contextFor = (event: IpcEventLike) => (current && !current.window.isDestroyed() && current.window.webContents.id === event.sender.id ? current : null);

  const ready = app.whenReady().then(async () => {
    await settings.load();
    deps.nativeTheme.themeSource = settings.get().theme;
    const session = deps.session.defaultSession;
    denyAllPermissions(session);
    if (devOrigin) addCspToDevServer(session, devOrigin);
    deps.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: paths.renderer, fs: deps.fs, csp: contentSecurityPolicy() }));
    registerIpc({ ipcMain: deps.ipcMain, appOrigin, contextFor, settings, openLink, setTheme: (t) => setTheme(t, false), log });
    presets = await listPresets(paths.presets, deps.fs);
    settings.onChange(rebuildMenu);
    rebuildMenu();
    openWindow();
    app.on('activate', () => {
      if (!current) openWindow();
    });
  });

  return { ready, mainWindow: () => current, settings };
}
