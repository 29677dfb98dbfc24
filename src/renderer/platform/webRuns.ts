/**
 * Open Run… and dropped runs in the browser. Chromium's File System Access
 * API gives handles the app can read again, so a run being written is
 * followed; elsewhere a picked or dropped folder is read once (a snapshot).
 */
import { RUN_FILES } from '../../core/rundir/format';
import { RunOpenError, choosePicked, type PickedItem } from '../../core/rundir/picked';
import { directorySource, fileErrorText, fileHandleLookup, followedSource, lookupAccess, snapshotLookup, type FileLookup } from './runFiles';
import type { PickedRun } from './types';

/** The parts of the File System Access API the app uses; not in TypeScript's DOM types yet (Chromium only). */
export type ShowDirectoryPicker = (options?: { id?: string; mode?: 'read' }) => Promise<FileSystemDirectoryHandle>;
type HandleItem = DataTransferItem & { getAsFileSystemHandle?(): Promise<FileSystemHandle | null | undefined> };

export interface WebRunHost {
  showDirectoryPicker?: ShowDirectoryPicker;
  document: Document;
  pollMs?: number;
}

/** Loose run files have no folder name to show. */
const LOOSE_FILES_LABEL = 'dropped run files';

const defaultHost = (): WebRunHost => ({
  showDirectoryPicker: (window as unknown as { showDirectoryPicker?: ShowDirectoryPicker }).showDirectoryPicker?.bind(window),
  document,
});

/** `host` for tests; the page's own (looked up at each call) otherwise. */
export function webRuns(givenHost?: WebRunHost) {
  const hostNow = (): WebRunHost => givenHost ?? defaultHost();
  const snapshot = (label: string, lookup: FileLookup): PickedRun => ({ kind: 'folder', source: followedSource(label, lookupAccess(lookup), false) });

  async function pickRun(): Promise<PickedRun | null> {
    const host = hostNow();
    if (host.showDirectoryPicker) {
      let dir: FileSystemDirectoryHandle;
      try {
        dir = await host.showDirectoryPicker({ id: 'relu-lab-runs', mode: 'read' });
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return null;
        throw new RunOpenError(`The folder could not be opened: ${fileErrorText(e)}`);
      }
      return { kind: 'folder', source: directorySource(dir, host.pollMs) };
    }
    const files = await pickFolderFiles(host.document);
    if (!files) return null;
    const { label, files: runFiles } = topLevelRunFiles(files);
    return snapshot(label, snapshotLookup(runFiles));
  }

  function droppedRun(data: DataTransfer): Promise<PickedRun | null> {
    // Everything from `data` before the first wait: the browser empties it once the drop handler returns.
    const items = Array.from(data.items ?? []).filter((item) => item.kind === 'file');
    // Chromium resolves it with undefined for a File the page made itself (no file on disk behind it).
    const handles = items.map((item) => (item as HandleItem).getAsFileSystemHandle?.()?.then((h) => h ?? null, () => null) ?? null);
    const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
    const files = items.length ? items.map((item) => item.getAsFile()) : Array.from(data.files ?? []);
    return openDropped(handles, entries, files);
  }

  async function openDropped(
    handlePromises: Array<Promise<FileSystemHandle | null> | null>,
    entries: Array<FileSystemEntry | null>,
    files: Array<File | null>,
  ): Promise<PickedRun | null> {
    if (files.length === 0) return null;
    const handles = await Promise.all(handlePromises);
    if (handles.every((h): h is FileSystemHandle => h !== null)) return fromHandles(handles);
    if (entries.length > 0 && entries.every((e): e is FileSystemEntry => e !== null)) return fromEntries(entries, files);
    if (files.every((f): f is File => f !== null)) return fromFiles(files);
    throw new RunOpenError('The dropped items cannot be read by the browser: drop a run folder, its files or a run JSON from disk');
  }

  async function fromHandles(handles: FileSystemHandle[]): Promise<PickedRun> {
    const { pollMs } = hostNow();
    const choice = choosePicked(handles.map((h) => ({ name: h.name, folder: h.kind === 'directory' })));
    if (choice.kind === 'folder') return { kind: 'folder', source: directorySource(handles[choice.index] as FileSystemDirectoryHandle, pollMs) };
    if (choice.kind === 'json') {
      const handle = handles[choice.index] as FileSystemFileHandle;
      return { kind: 'json', name: handle.name, text: await (await handle.getFile()).text() };
    }
    const byName = new Map(choice.indices.map((i) => [handles[i]!.name, handles[i] as FileSystemFileHandle]));
    return { kind: 'folder', source: followedSource(LOOSE_FILES_LABEL, lookupAccess(fileHandleLookup(byName)), true, pollMs) };
  }

  async function fromEntries(entries: FileSystemEntry[], files: Array<File | null>): Promise<PickedRun> {
    const choice = choosePicked(entries.map((e) => ({ name: e.name, folder: e.isDirectory })));
    if (choice.kind === 'folder') {
      const dir = entries[choice.index] as FileSystemDirectoryEntry;
      const found = new Map<string, File>();
      for (const name of Object.values(RUN_FILES)) {
        const file = await fileInEntry(dir, name);
        if (file) found.set(name, file);
      }
      return snapshot(dir.name, snapshotLookup(found));
    }
    return fromFiles(files.filter((f): f is File => f !== null), choice);
  }

  async function fromFiles(files: File[], known?: ReturnType<typeof choosePicked>): Promise<PickedRun> {
    const items: PickedItem[] = files.map((f) => ({ name: f.name, folder: false }));
    const choice = known ?? choosePicked(items);
    if (choice.kind === 'json') return { kind: 'json', name: files[choice.index]!.name, text: await files[choice.index]!.text() };
    if (choice.kind === 'folder') throw new RunOpenError(`${files[choice.index]!.name} is a folder the browser cannot read: use Open Run… instead`);
    return snapshot(LOOSE_FILES_LABEL, snapshotLookup(new Map(choice.indices.map((i) => [files[i]!.name, files[i]!]))));
  }

  return { pickRun, droppedRun };
}

/** The files of a folder picked with <input webkitdirectory>, or null when the user cancelled. */
function pickFolderFiles(doc: Document): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.webkitdirectory = true;
    input.style.display = 'none';
    input.dataset.testid = 'open-run-input';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.remove();
      resolve(files);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    doc.body.appendChild(input);
    input.click();
  });
}

/** The run files directly inside the picked folder (webkitRelativePath is "<folder>/<file>"; deeper files are not the run's). */
export function topLevelRunFiles(files: File[]): { label: string; files: Map<string, File> } {
  const label = files[0]?.webkitRelativePath.split('/')[0] || 'run';
  const wanted: readonly string[] = Object.values(RUN_FILES);
  const found = new Map<string, File>();
  for (const file of files) {
    const parts = file.webkitRelativePath.split('/');
    if (parts.length === 2 && wanted.includes(parts[1]!)) found.set(parts[1]!, file);
  }
  return { label, files: found };
}

function fileInEntry(dir: FileSystemDirectoryEntry, name: string): Promise<File | null> {
  return new Promise((resolve) => {
    dir.getFile(name, {}, (entry) => (entry as FileSystemFileEntry).file(resolve, () => resolve(null)), () => resolve(null));
  });
}
