/**
 * Writing a file so that a crash, a full disk or a pulled plug mid-write
 * leaves either the old file or the new one, never half of either: the
 * bytes go to a temporary file in the same folder (same file system, so the
 * rename is atomic), are flushed to the disk (fsync), and only then replace
 * the file by a rename. Used by main (documents, exports, settings) and the
 * CLI (a run's weights and summary).
 */
import { basename, dirname, join } from 'node:path';

export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The calls it needs, as node:fs/promises has them (main passes its injected file system). */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number }>;
  realpath(path: string): Promise<string>;
}

let counter = 0;

export async function writeFileAtomic(fs: AtomicFs, path: string, data: string | Uint8Array): Promise<void> {
  // Through a symlink to the file it names; an existing file keeps its permissions.
  const target = await fs.realpath(path).catch(() => path);
  const mode = await fs.stat(target).then((s) => s.mode & 0o777, () => 0o666);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${++counter}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (e) {
    await fs.unlink(temp).catch(() => {});
    throw e;
  }
  await syncFolder(fs, dirname(target));
}

/** Makes the rename itself durable where the system allows it (Linux, macOS); elsewhere opening a folder fails, harmlessly. */
async function syncFolder(fs: AtomicFs, folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close().catch(() => {});
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EACCES: 'you may not write there: the folder or the file is read-only',
  EPERM: 'you may not write there: the folder or the file is read-only',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist (any more)',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'a folder of that name is in the way',
  EIO: 'the disk reported an input/output error',
};

/** What a failed write's error means to the person who asked for it: "the disk is full (ENOSPC)". */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(REASONS, code)) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
