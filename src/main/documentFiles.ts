/**
 * Open and save through native dialogs. The renderer never names a path on
 * its own: it may read what the user picked (or a recent file main listed),
 * and overwrite only a file this window opened or saved before.
 */
import { basename, dirname } from 'node:path';
import type { FileFilter, OpenedFile, SaveFileResult } from '../preload/api';
import { writeFailureReason, writeFileAtomic } from '../node/atomicWrite';
import type { DialogLike, FsLike } from './electronApi';
import type { SaveFileRequest } from './ipcInput';
import type { SettingsStore } from './settings';

export class PathNotGrantedError extends Error {
  constructor(path: string) {
    super(`refused to write ${path}: this window did not open or save that file (use Save As)`);
    this.name = 'PathNotGrantedError';
  }
}

export class NotRecentError extends Error {
  constructor(path: string) {
    super(`refused to open ${path}: it is not in the recent files list`);
    this.name = 'NotRecentError';
  }
}

/** Experiment documents go in the recent list; exports (PNG, CSV, weights…) do not. */
export const isExperimentFile = (path: string): boolean => path.toLowerCase().endsWith('.relu.json');

export class DocumentFiles {
  private readonly granted = new Set<string>();

  constructor(
    private readonly deps: {
      dialog: DialogLike;
      fs: FsLike;
      settings: SettingsStore;
      /** The window the dialogs are modal to. */
      window: () => unknown;
    },
  ) {}

  isGranted(path: string): boolean {
    return this.granted.has(path);
  }

  async openFile(request: { title: string; filters: FileFilter[] }): Promise<OpenedFile | null> {
    const result = await this.deps.dialog.showOpenDialog(this.deps.window(), {
      title: request.title,
      filters: [...request.filters, { name: 'All files', extensions: ['*'] }],
      properties: ['openFile'],
    });
    const path = result.filePaths[0];
    if (result.canceled || !path) return null;
    return this.read(path);
  }

  async openRecent(path: string): Promise<OpenedFile | null> {
    if (!this.deps.settings.get().recentFiles.includes(path)) throw new NotRecentError(path);
    try {
      return await this.read(path);
    } catch (e) {
      // A recent file that moved or vanished leaves the list instead of failing every time.
      await this.deps.settings.removeRecent(path);
      throw new Error(`could not open ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Writes atomically (documents and every export): a failure leaves the file as it was and says why. */
  async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
    let path = request.path;
    if (path !== undefined) {
      if (!this.granted.has(path)) throw new PathNotGrantedError(path);
    } else {
      const result = await this.deps.dialog.showSaveDialog(this.deps.window(), {
        title: 'Save',
        defaultPath: request.suggestedName,
        filters: request.filters,
      });
      if (result.canceled || !result.filePath) return null;
      path = result.filePath;
    }
    const existed = await this.deps.fs.stat(path).then(() => true, () => false);
    try {
      await writeFileAtomic(this.deps.fs, path, request.data);
    } catch (e) {
      const left = existed ? 'The file there is unchanged.' : 'Nothing was written.';
      return { error: `Could not save ${basename(path)} in ${dirname(path)}: ${writeFailureReason(e)}. ${left}` };
    }
    this.granted.add(path);
    if (isExperimentFile(path)) await this.deps.settings.addRecent(path);
    return { path };
  }

  private async read(path: string): Promise<OpenedFile> {
    const text = await this.deps.fs.readFile(path, 'utf8');
    this.granted.add(path);
    if (isExperimentFile(path)) await this.deps.settings.addRecent(path);
    return { path, name: basename(path), text };
  }
}
