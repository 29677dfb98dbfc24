/**
 * The narrow bridge the preload exposes as `window.reluLab` (contextBridge).
 * The renderer never gets a file-system API: only "give me the file the user
 * picked" and "save these bytes under a name the user picks".
 *
 * The core's MessagePort cannot cross contextBridge, so the preload relays it
 * with `window.postMessage({ type: CORE_PORT_MESSAGE, nonce }, '*', [port])`;
 * the renderer accepts it only from `event.source === window` with the nonce
 * from `reluLab.portNonce`.
 */
import type { RunSourceEvent } from '../core/rundir/events';

export const CORE_PORT_MESSAGE = 'relu-lab:core-port';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenedFile {
  path: string;
  name: string;
  text: string;
}

/** The data file an experiment names: `file` as its `data.path` says, `experiment` the path this window opened it from (null: not from a file). */
export interface DataFileRequest {
  experiment: string | null;
  file: string;
}

/** The data file's text; `located`: the user found it elsewhere (a path they picked), where the experiment should now point. */
export interface DataFileResult {
  text: string;
  located?: string;
}

/** Where the file went; or why it could not be written (the file on disk is then as it was); null: the user cancelled. */
export type SaveFileResult = { path: string } | { error: string } | null;

/**
 * A run the user opened: a folder main follows (known to the renderer only
 * by an opaque id and the folder's own name, never its path), or a run
 * exported as JSON (`relu-lab/run@1`), whose text comes whole.
 */
export type OpenedRun = { runId: string; label: string } | { json: { name: string; text: string } };

/**
 * One event of an open run, main → renderer. Main sends the next only after
 * `ackRunEvent(runId, stream, seq)`: a slow renderer slows the reading down
 * instead of filling memory.
 */
export interface RunEventMessage {
  runId: string;
  stream: number;
  seq: number;
  event: RunSourceEvent;
}

/** Menu items the renderer acts on (main owns the menu, the renderer owns the document). */
export type MenuCommand =
  | 'new' | 'open' | 'open-run' | 'save' | 'save-as' | 'export-png' | 'export-svg' | 'export-csv'
  | 'export-run-json' | 'export-report' | 'export-weights' | 'import-weights'
  | 'train-toggle' | 'step' | 'reset' | 'undo' | 'redo' | 'theme-dark' | 'theme-light' | 'lessons'
  | { kind: 'open-recent'; path: string }
  | { kind: 'new-from-preset'; preset: string };

export interface DesktopApi {
  readonly platform: 'electron';
  /** Matches the nonce of the window message that carries the core port. */
  readonly portNonce: string;
  /** Asks main to (re)send the core port, e.g. after the renderer reloaded. */
  requestCorePort(): void;
  openFile(options: { title: string; filters: FileFilter[] }): Promise<OpenedFile | null>;
  /** Opens a recent file by path (main checks it is in its recent list). */
  openRecent(path: string): Promise<OpenedFile | null>;
  /** Save As when `path` is absent (dialog), else overwrite `path` (a file this window opened or saved). */
  saveFile(options: { path?: string; suggestedName: string; filters: FileFilter[]; data: string | Uint8Array }): Promise<SaveFileResult>;
  /**
   * The text of the data file an opened experiment names, read by main only
   * inside the experiment's folder or where the user picked it; otherwise
   * main asks the user to locate it. null: the user declined.
   */
  readDataFile(request: DataFileRequest): Promise<DataFileResult | null>;
  /** Title and unsaved-changes state: main shows it and asks before closing. */
  setDocumentState(state: { title: string; dirty: boolean }): void;
  getRecentFiles(): Promise<string[]>;
  getTheme(): Promise<'dark' | 'light'>;
  setTheme(theme: 'dark' | 'light'): void;
  onMenu(handler: (command: MenuCommand) => void): () => void;
  /** Main restarted a crashed core; a new port follows. */
  onCoreRestarted(handler: (info: { reason: string; exitCode: number | null }) => void): () => void;
  /** An http(s) link, opened in the system browser once the user has agreed in a dialog that shows where it goes. */
  openExternal(url: string): void;
  /** Open Run…: the native folder dialog (on macOS it also takes a run JSON file). */
  openRunFolder(): Promise<OpenedRun | null>;
  /**
   * A run dropped on the window: the dropped File objects as the page got
   * them. The preload asks Electron for their paths and hands those to main;
   * the page never sees them. Rejects, naming the problem, when the drop is
   * not a run.
   */
  openDroppedRun(...files: File[]): Promise<OpenedRun>;
  /** Starts reading an opened run folder from the beginning; its events carry `stream` (a new number for each start). */
  startRun(runId: string, stream: number): void;
  /** The renderer is done with event `seq`: main may read and send the next. */
  ackRunEvent(runId: string, stream: number, seq: number): void;
  /** Stops following the run (main stops watching it); `startRun` may start it again. */
  stopRun(runId: string, stream: number): void;
  onRunEvent(handler: (message: RunEventMessage) => void): () => void;
}

declare global {
  interface Window {
    reluLab?: DesktopApi;
  }
}
