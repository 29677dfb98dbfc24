import type { RunSource } from '../runs/source';

/**
 * What the renderer may ask of its host, identical in the web build
 * (downloads, <input type=file>) and in Electron (native dialogs through the
 * preload bridge). Components use only this, never `window.reluLab`.
 */
export interface SaveRequest {
  /** File name offered to the user, e.g. "spiral-relu_sparsity_step-1200.svg". */
  suggestedName: string;
  mime: string;
  /** Without dots, e.g. ["svg"]. */
  extensions: string[];
  data: string | Uint8Array;
}

export interface PickedFile {
  name: string;
  /** Present in Electron (used for Save and the recent list). */
  path?: string;
  text: string;
}

/** The file could not be written (Electron: a read-only folder, a full disk); `message` says why and what is left on disk. */
export class SaveFailedError extends Error {
  constructor(readonly fileName: string, message: string) {
    super(message);
    this.name = 'SaveFailedError';
  }
}

/** A run the user opened: a folder to read (and follow where the host can), or a run exported as JSON, whole. */
export type PickedRun = { kind: 'folder'; source: RunSource } | { kind: 'json'; name: string; text: string };

export interface Platform {
  readonly kind: 'web' | 'electron';
  /** Resolves false when the user cancelled; rejects with SaveFailedError when the file could not be written. */
  saveBytes(request: SaveRequest): Promise<boolean>;
  openText(options: { title: string; extensions: string[] }): Promise<PickedFile | null>;
  /**
   * Open Run…: a run folder (Electron: the native dialog, main follows it;
   * the browser: a directory picker, followed where it has
   * showDirectoryPicker, else a snapshot of an <input webkitdirectory>).
   * null when cancelled; rejects with a message naming the problem.
   */
  pickRun(): Promise<PickedRun | null>;
  /**
   * A drop on the window: a run folder, its files, or a run JSON. Call it
   * from the drop handler itself: it takes what it needs from `data` before
   * it first waits (a DataTransfer is emptied once the handler returns).
   * null when nothing was dropped; rejects with a message naming the problem.
   */
  droppedRun(data: DataTransfer): Promise<PickedRun | null>;
}
