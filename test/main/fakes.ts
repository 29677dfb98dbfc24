/**
 * Small stand-ins for Electron's main-process modules: they record what main
 * does with them and let a test play the part of the user or the OS.
 * The real 'electron' module is never loaded under Node (it would download).
 */
import { EventEmitter } from 'node:events';
import type {
  AppLike, BrowserWindowLike, DialogLike, ElectronDeps, FsLike, IpcEventLike, IpcMainLike, MessageChannelLike,
  ProtocolLike, Rectangle, SessionLike, UtilityProcessLike, WebContentsLike,
} from '../../src/main/electronApi';
import { MemoryRunFs } from './runFsFake';

let nextId = 1;

export class FakeWebContents extends EventEmitter implements WebContentsLike {
  readonly id = nextId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly posted: Array<{ channel: string; message: unknown; transfer: unknown[] }> = [];
  windowOpenHandler: Parameters<WebContentsLike['setWindowOpenHandler']>[0] | null = null;
  /** Both kinds of message in the order they were sent. */
  readonly channels: string[] = [];
  devToolsToggled = 0;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    this.channels.push(channel);
  }
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
    this.channels.push(channel);
  }
  setWindowOpenHandler(handler: Parameters<WebContentsLike['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
  toggleDevTools(): void {
    this.devToolsToggled++;
  }
  /** Emits a cancellable event the way Electron does; returns whether it was prevented. */
  emitCancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter implements BrowserWindowLike {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  title = '';
  edited = false;
  maximized = false;
  destroyed = false;
  closeCalls = 0;
  bounds: Rectangle;
  constructor(readonly options: Record<string, any>) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
    FakeBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(edited: boolean): void {
    this.edited = edited;
  }
  getNormalBounds(): Rectangle {
    return this.bounds;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  minimized = false;
  focused = 0;
  show(): void {}
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window goes and 'closed' follows. */
  close(): void {
    this.closeCalls++;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  readonly messages: Array<{ message: unknown; transfer: unknown[] }> = [];
  killed = false;
  constructor(readonly modulePath: string) {
    super();
  }
  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.messages.push({ message, transfer });
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', null);
    return true;
  }
  crash(code = 1): void {
    this.emit('exit', code);
  }
}

export class FakeUtilityProcessModule {
  readonly forked: FakeUtilityProcess[] = [];
  fork(modulePath: string): FakeUtilityProcess {
    const child = new FakeUtilityProcess(modulePath);
    this.forked.push(child);
    return child;
  }
}

let portId = 0;
export class FakePort {
  readonly id = ++portId;
  closed = false;
  close(): void {
    this.closed = true;
  }
}
export class FakeMessageChannel implements MessageChannelLike {
  readonly port1 = new FakePort();
  readonly port2 = new FakePort();
}

type Handler = (event: IpcEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: Handler): this {
    this.listeners.set(channel, listener);
    return this;
  }
  /** What `ipcRenderer.invoke` would get back. */
  async invoke(event: IpcEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
  send(event: IpcEventLike, channel: string, ...args: unknown[]): void {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`no listener for ${channel}`);
    listener(event, ...args);
  }
}

export function ipcEventFrom(contents: { id: number }, url: string, parent: unknown = null): IpcEventLike {
  return { sender: contents, senderFrame: { url, parent } };
}

/** Answers dialogs from a script the test sets. */
export class FakeDialog implements DialogLike {
  openResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  saveResult: { canceled: boolean; filePath?: string } = { canceled: true };
  messageBoxResponse = 2;
  readonly calls: Array<{ kind: string; options: any }> = [];
  async showOpenDialog(_w: unknown, options: any) {
    this.calls.push({ kind: 'open', options });
    return this.openResult;
  }
  async showSaveDialog(_w: unknown, options: any) {
    this.calls.push({ kind: 'save', options });
    return this.saveResult;
  }
  async showMessageBox(_w: unknown, options: any) {
    this.calls.push({ kind: 'message', options });
    return { response: this.messageBoxResponse };
  }
}

/** An in-memory file system with the calls main makes. */
export class MemoryFs implements FsLike {
  readonly files = new Map<string, string | Uint8Array>();
  readonly renames: Array<[string, string]> = [];
  /** Symlinks: link path → the path it points to (readFile, stat and realpath follow them). */
  readonly links = new Map<string, string>();
  /** Every path readFile was asked for, in order. */
  readonly reads: string[] = [];
  /** Paths flushed with a handle's sync(), in order (files and folders). */
  readonly synced: string[] = [];
  /** Set to make the next writes through a handle fail after half their bytes, as a full disk does. */
  failWrites: NodeJS.ErrnoException | null = null;
  async open(path: string, flags: string): Promise<{ writeFile(data: string | Uint8Array): Promise<void>; sync(): Promise<void>; close(): Promise<void> }> {
    if (flags === 'wx') {
      if (this.files.has(path)) throw Object.assign(new Error(`EEXIST: file already exists, open '${path}'`), { code: 'EEXIST' });
      this.files.set(path, '');
    }
    return {
      writeFile: async (data) => {
        if (this.failWrites) {
          this.files.set(path, typeof data === 'string' ? data.slice(0, data.length >> 1) : data.slice(0, data.length >> 1));
          throw this.failWrites;
        }
        this.files.set(path, data);
      },
      sync: async () => void this.synced.push(path),
      close: async () => {},
    };
  }
  async stat(path: string): Promise<{ mode: number; size: number }> {
    const data = this.files.get(this.links.get(path) ?? path);
    if (data === undefined) throw Object.assign(new Error(`ENOENT: no such file, stat '${path}'`), { code: 'ENOENT' });
    return { mode: 0o100644, size: typeof data === 'string' ? new TextEncoder().encode(data).length : data.length };
  }
  async unlink(path: string): Promise<void> {
    if (!this.files.delete(path)) throw Object.assign(new Error(`ENOENT: unlink '${path}'`), { code: 'ENOENT' });
  }
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  async readFile(path: string, encoding?: 'utf8'): Promise<any> {
    this.reads.push(path);
    const data = this.files.get(this.links.get(path) ?? path);
    if (data === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    if (encoding) return typeof data === 'string' ? data : new TextDecoder().decode(data);
    return typeof data === 'string' ? new TextEncoder().encode(data) : data;
  }
  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    this.files.set(path, data);
  }
  async rename(from: string, to: string): Promise<void> {
    const data = this.files.get(from);
    if (data === undefined) throw new Error(`ENOENT: rename '${from}'`);
    this.files.delete(from);
    this.files.set(to, data);
    this.renames.push([from, to]);
  }
  async mkdir(): Promise<unknown> {
    return undefined;
  }
  async readdir(path: string): Promise<string[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const names = [...this.files.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)).filter((n) => !n.includes('/'));
    if (names.length === 0) throw new Error(`ENOENT: scandir '${path}'`);
    return names;
  }
  /** Resolves symlinks (`links`: link → target); missing paths are ENOENT, as on disk. */
  async realpath(path: string): Promise<string> {
    const real = this.links.get(path) ?? path;
    const isFolder = [...this.files.keys()].some((p) => p.startsWith(`${real}/`));
    if (!this.files.has(real) && !isFolder) throw Object.assign(new Error(`ENOENT: realpath '${path}'`), { code: 'ENOENT' });
    return real;
  }
}

export class FakeSession implements SessionLike {
  requestHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null;
  headersListener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | null = null;
  setPermissionRequestHandler(handler: Parameters<SessionLike['setPermissionRequestHandler']>[0]): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Parameters<SessionLike['setPermissionCheckHandler']>[0]): void {
    this.checkHandler = handler;
  }
  webRequest = {
    onHeadersReceived: (listener: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0]) => {
      this.headersListener = listener;
    },
  };
}

export class FakeProtocol implements ProtocolLike {
  readonly privileged: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registeredBeforeReady: boolean | null = null;
  constructor(private readonly app: { isReady: boolean }) {}
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void {
    this.registeredBeforeReady = !this.app.isReady;
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
}

export class FakeApp extends EventEmitter implements AppLike {
  isPackaged = false;
  isReady = false;
  quitCalls = 0;
  private resolveReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  constructor(private readonly userData: string, private readonly appPath: string) {
    super();
  }
  getPath(): string {
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  becomeReady(): void {
    this.isReady = true;
    this.resolveReady();
  }
  quit(): void {
    this.quitCalls++;
  }
}

export interface FakeElectron {
  deps: ElectronDeps;
  app: FakeApp;
  ipcMain: FakeIpcMain;
  dialog: FakeDialog;
  fs: MemoryFs;
  runFs: MemoryRunFs;
  session: FakeSession;
  protocol: FakeProtocol;
  utilityProcess: FakeUtilityProcessModule;
  opened: string[];
  menus: any[][];
}

export function fakeElectron(options: { userData?: string; appPath?: string; devServerUrl?: string; platform?: NodeJS.Platform } = {}): FakeElectron {
  FakeBrowserWindow.created = [];
  const app = new FakeApp(options.userData ?? '/home/u/.config/relu-lab', options.appPath ?? '/opt/relu-lab');
  const ipcMain = new FakeIpcMain();
  const dialog = new FakeDialog();
  const fs = new MemoryFs();
  const runFs = new MemoryRunFs();
  const session = new FakeSession();
  const protocol = new FakeProtocol(app);
  const utilityProcess = new FakeUtilityProcessModule();
  const opened: string[] = [];
  const menus: any[][] = [];
  const deps: ElectronDeps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template) => template,
      setApplicationMenu: (menu) => void menus.push(menu as any[]),
    },
    dialog,
    ipcMain,
    protocol,
    shell: { openExternal: async (url) => void opened.push(url) },
    utilityProcess,
    MessageChannelMain: FakeMessageChannel,
    session: { defaultSession: session },
    nativeTheme: { themeSource: 'system' },
    fs,
    runFs,
    platform: options.platform ?? 'linux',
    devServerUrl: options.devServerUrl,
    log: () => {},
  };
  return { deps, app, ipcMain, dialog, fs, runFs, session, protocol, utilityProcess, opened, menus };
}

/** Lets pending promise callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
