/**
 * Run sources of the web build, on the shared follower: a directory handle
 * or file handles (each look gets the file as it is now, so a poll sees
 * appends) or Files picked once (a snapshot). Bytes are read in slices, so
 * a 300 MB file is never in memory whole.
 */
import { RunFollower, type RunFolderAccess } from '../../core/rundir/follow';
import type { RunSource } from '../runs/source';

/** A followed folder is looked at this often (the viewer updates within a second of a record). */
export const WEB_POLL_MS = 500;

/** A file as it is now, or null when it does not exist. */
export type FileLookup = (name: string) => Promise<File | null>;

const nameOf = (e: unknown): string => (e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '');
const isNotFound = (e: unknown): boolean => nameOf(e) === 'NotFoundError';

const DOM_ERRORS: Record<string, string> = {
  NotAllowedError: 'the browser no longer allows reading it; open the run again',
  SecurityError: 'the browser does not allow reading it',
  TypeMismatchError: 'it is a folder, not a file',
  NotReadableError: 'it changed on disk after it was picked; open the run again',
};

/** A browser error as a message to show (DOMException messages carry no paths). */
export function fileErrorText(e: unknown): string {
  const name = nameOf(e);
  if (DOM_ERRORS[name]) return `${DOM_ERRORS[name]} (${name})`;
  return e instanceof Error ? e.message : String(e);
}

export function lookupAccess(lookup: FileLookup, folderExists?: () => Promise<boolean>): RunFolderAccess {
  const find = async (name: string): Promise<File | null> => {
    try {
      return await lookup(name);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw new Error(fileErrorText(e));
    }
  };
  return {
    async stat(name) {
      const file = await find(name);
      return file ? { size: file.size, modified: file.lastModified } : null;
    },
    async read(name, offset, length) {
      for (let attempt = 1; ; attempt++) {
        const file = await find(name);
        if (!file) return new Uint8Array(0);
        try {
          return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
        } catch (e) {
          // A File from a handle is a snapshot: written meanwhile, it refuses reads; a fresh one reads.
          if (nameOf(e) === 'NotReadableError' && attempt < 3) continue;
          throw new Error(fileErrorText(e));
        }
      }
    },
    folderExists,
  };
}

export function directoryLookup(dir: FileSystemDirectoryHandle): FileLookup {
  return async (name) => (await dir.getFileHandle(name)).getFile();
}

/** Whether a directory handle still points at a folder (listing a deleted one fails). */
export function directoryExists(dir: FileSystemDirectoryHandle): () => Promise<boolean> {
  const listing = dir as unknown as { keys(): { next(): Promise<unknown> } };
  return async () => {
    try {
      await listing.keys().next();
      return true;
    } catch {
      return false;
    }
  };
}

export function fileHandleLookup(handles: Map<string, FileSystemFileHandle>): FileLookup {
  return async (name) => {
    const handle = handles.get(name);
    return handle ? handle.getFile() : null;
  };
}

export function snapshotLookup(files: Map<string, File>): FileLookup {
  return async (name) => files.get(name) ?? null;
}

/** A RunSource over `access`: read once, then (when `following`) looked at again every `pollMs`. */
export function followedSource(label: string, access: RunFolderAccess, following: boolean, pollMs = WEB_POLL_MS): RunSource {
  return {
    label,
    start(listener) {
      const follower = new RunFollower(access, listener, {
        label,
        following,
        onListenerError: (e) => console.error(`run ${label}: the reader failed on an event`, e),
      });
      void follower.check();
      const poll = following ? setInterval(() => void follower.check(), pollMs) : undefined;
      return () => {
        clearInterval(poll);
        follower.stop();
      };
    },
  };
}

export function directorySource(dir: FileSystemDirectoryHandle, pollMs = WEB_POLL_MS): RunSource {
  return followedSource(dir.name, lookupAccess(directoryLookup(dir), directoryExists(dir)), true, pollMs);
}
