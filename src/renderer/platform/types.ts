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

export interface Platform {
  readonly kind: 'web' | 'electron';
  /** Resolves false when the user cancelled; rejects with SaveFailedError when the file could not be written. */
  saveBytes(request: SaveRequest): Promise<boolean>;
  openText(options: { title: string; extensions: string[] }): Promise<PickedFile | null>;
}
