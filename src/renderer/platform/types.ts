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

export interface Platform {
  readonly kind: 'web' | 'electron';
  /** Resolves false when the user cancelled. */
  saveBytes(request: SaveRequest): Promise<boolean>;
  openText(options: { title: string; extensions: string[] }): Promise<PickedFile | null>;
}
