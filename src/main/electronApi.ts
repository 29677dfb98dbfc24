/**
 * The slices of Electron's API that main's modules use, typed structurally so
 * tests can pass small fakes. Only `index.ts` imports 'electron' itself: under
 * plain Node (vitest) that import would start a binary download.
 */
import type { MenuCommand } from '../preload/api';
import type { AtomicFs } from '../node/atomicWrite';

export interface Listenable {
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface FrameLike {
  url: string;
  /** null for a top-level frame */
  parent?: unknown;
}

export interface IpcEventLike {
  senderFrame: FrameLike | null;
  sender: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export interface WindowOpenDetails {
  url: string;
}

export interface WebContentsLike extends Listenable {
  id: number;
  send(channel: string, ...args: unknown[]): void;
  postMessage(channel: string, message: unknown, transfer?: any[]): void;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' } | { action: 'allow' }): void;
  toggleDevTools?(): void;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BrowserWindowLike extends Listenable {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  setTitle(title: string): void;
  setDocumentEdited?(edited: boolean): void;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  maximize(): void;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  close(): void;
  destroy(): void;
  isDestroyed(): boolean;
  once(event: string, listener: (...args: any[]) => void): unknown;
}

export type BrowserWindowFactory = new (options: any) => BrowserWindowLike;

export interface MessagePortLike {
  close?(): void;
}

export interface MessageChannelLike {
  port1: MessagePortLike;
  port2: MessagePortLike;
}

export interface UtilityProcessLike extends Listenable {
  postMessage(message: unknown, transfer?: any[]): void;
  kill(): boolean;
  once(event: string, listener: (...args: any[]) => void): unknown;
}

export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): UtilityProcessLike;
}

export interface FileDialogFilter {
  name: string;
  extensions: string[];
}

export interface DialogLike {
  showOpenDialog(window: any, options: { title?: string; defaultPath?: string; filters?: FileDialogFilter[]; properties?: string[] }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: any, options: { title?: string; defaultPath?: string; filters?: FileDialogFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showMessageBox(window: any, options: {
    type?: string; buttons: string[]; defaultId?: number; cancelId?: number; title?: string; message: string; detail?: string; noLink?: boolean;
  }): Promise<{ response: number }>;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void,
    ): void;
  };
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface MenuModule {
  buildFromTemplate(template: any[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export interface NativeThemeLike {
  themeSource: 'system' | 'light' | 'dark';
}

export interface AppLike extends Listenable {
  isPackaged: boolean;
  name?: string;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  getVersion(): string;
  whenReady(): Promise<void>;
  quit(): void;
  setAboutPanelOptions?(options: Record<string, unknown>): void;
  showAboutPanel?(): void;
}

/** The promise-based file system calls main uses (node:fs/promises in the app). */
export interface FsLike extends AtomicFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  stat(path: string): Promise<{ mode: number; size: number }>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  readdir(path: string): Promise<string[]>;
  realpath(path: string): Promise<string>;
}

/** What main needs of node:fs to follow run folders: stat, positioned reads, and fs.watch (node:fs, not its promise form). */
export interface RunFsLike {
  stat(path: string): Promise<{ size: number; mtimeMs: number; ino: number; dev: number; isFile(): boolean; isDirectory(): boolean }>;
  open(path: string, flags: 'r'): Promise<{
    read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
    close(): Promise<void>;
  }>;
  /** Calls `listener` when something in the folder may have changed; throws where the file system cannot watch. */
  watch(path: string, listener: () => void): { close(): void; on(event: 'error', listener: (error: Error) => void): unknown };
}

export interface ScreenLike {
  getAllDisplays(): Array<{ workArea: Rectangle }>;
}

export interface ElectronDeps {
  app: AppLike;
  BrowserWindow: BrowserWindowFactory;
  Menu: MenuModule;
  dialog: DialogLike;
  ipcMain: IpcMainLike;
  protocol: ProtocolLike;
  shell: ShellLike;
  utilityProcess: UtilityProcessModule;
  MessageChannelMain: new () => MessageChannelLike;
  session: { defaultSession: SessionLike };
  nativeTheme: NativeThemeLike;
  /** For checking saved window bounds against the attached displays; without it they are used as saved. */
  screen?: ScreenLike;
  fs: FsLike;
  runFs: RunFsLike;
  platform: NodeJS.Platform;
  /** The renderer dev server (`electron-vite dev` sets ELECTRON_RENDERER_URL); absent in builds. */
  devServerUrl?: string;
  log?: (message: string) => void;
}

export type SendMenuCommand = (command: MenuCommand) => void;
