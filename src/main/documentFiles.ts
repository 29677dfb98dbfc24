/**
 * Open and save through native dialogs. The renderer never names a path on
 * its own: it may read what the user picked (or a recent file main listed),
 * the data file an experiment names inside that experiment's folder, and
 * overwrite only a file this window opened or saved before.
 */
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { printable } from '../core/text/printable';
import type { DataFileRequest, DataFileResult, FileFilter, OpenedFile, SaveFileResult } from '../preload/api';
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

/** Far beyond a data set of the format's million rows; refused before reading, so a wrong file cannot stall the app. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024;

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

  /**
   * The text of the data file an experiment names (`data.path`), resolved
   * against the folder of the experiment this window opened. Read without
   * asking only inside that folder (symlinks resolved) or where the user
   * picked a file before; otherwise the user is asked to locate it, told
   * which file the experiment wants and why it was not read. `located` is
   * where the user found it; null when they declined.
   */
  async readDataFile(request: DataFileRequest): Promise<DataFileResult | null> {
    const { experiment, file } = request;
    const folder = experiment !== null && this.granted.has(experiment) ? dirname(experiment) : null;
    const wanted = folder !== null ? resolve(folder, file) : isAbsolute(file) ? file : null;
    const place = wanted === null ? null : this.granted.has(wanted) ? 'picked' : folder !== null ? await this.inside(folder, wanted) : 'outside';
    let problem: string;
    if (wanted === null) {
      problem = 'The experiment did not come from a file this window opened, so there is no folder to look in.';
    } else if (place === 'picked' || place === 'inside') {
      try {
        return { text: await this.readData(wanted) };
      } catch (e) {
        problem = `ReLU Lab could not read it: ${e instanceof Error ? e.message : String(e)}.`;
      }
    } else if (place === 'missing') {
      problem = "There is no such file in the experiment's folder.";
    } else {
      problem = "It is outside the experiment's folder, and ReLU Lab reads data only from there or from a file you pick.";
    }
    return this.locateDataFile(file, experiment, folder, problem);
  }

  /** Whether `path`, symlinks resolved, is inside `folder`. */
  private async inside(folder: string, path: string): Promise<'inside' | 'outside' | 'missing'> {
    const [realFolder, realPath] = await Promise.all([this.deps.fs.realpath(folder).catch(() => null), this.deps.fs.realpath(path).catch(() => null)]);
    if (realFolder === null || realPath === null) return relative(folder, path).startsWith('..') ? 'outside' : 'missing';
    const rel = relative(realFolder, realPath);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? 'inside' : 'outside';
  }

  private async readData(path: string): Promise<string> {
    const { size } = await this.deps.fs.stat(path);
    if (size > MAX_DATA_FILE_BYTES) {
      throw new Error(`it is ${Math.round(size / 2 ** 20)} MB; data files may be at most ${MAX_DATA_FILE_BYTES / 2 ** 20} MB`);
    }
    return this.deps.fs.readFile(path, 'utf8');
  }

  private async locateDataFile(file: string, experiment: string | null, folder: string | null, problem: string): Promise<DataFileResult | null> {
    const name = printable(basename(file));
    const who = experiment !== null ? printable(basename(experiment)) : 'This experiment';
    const { response } = await this.deps.dialog.showMessageBox(this.deps.window(), {
      type: 'warning',
      buttons: ['Locate…', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
      title: 'ReLU Lab',
      message: `Where is the data file "${name}"?`,
      detail: `${who} reads its data from "${printable(file)}". ${problem}\n\nLocate the file to train on it, or Cancel and open a CSV in the Data panel later.`,
    });
    if (response !== 0) return null;
    const picked = await this.deps.dialog.showOpenDialog(this.deps.window(), {
      title: `Locate the data file "${name}"`,
      ...(folder !== null ? { defaultPath: folder } : {}),
      filters: [{ name: 'CSV data', extensions: ['csv', 'txt'] }, { name: 'All files', extensions: ['*'] }],
      properties: ['openFile'],
    });
    const path = picked.filePaths[0];
    if (picked.canceled || !path) return null;
    this.granted.add(path);
    return { text: await this.readData(path), located: path };
  }

  private async read(path: string): Promise<OpenedFile> {
    const text = await this.deps.fs.readFile(path, 'utf8');
    this.granted.add(path);
    if (isExperimentFile(path)) await this.deps.settings.addRecent(path);
    return { path, name: basename(path), text };
  }
}
