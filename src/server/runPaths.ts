/**
 * Which folder under the log directory a run id names, refusing anything
 * that would leave it: `..` and `.` segments (plain or percent-encoded),
 * absolute paths, backslashes, NUL, and symbolic links whose target lies
 * outside. A run id is the run folder's path relative to the log directory,
 * `/`-separated (`sweep/lr-0.1`).
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export class RefusedPathError extends Error {
  constructor(readonly request: string, reason: string) {
    super(`refused ${JSON.stringify(request)}: ${reason}`);
    this.name = 'RefusedPathError';
  }
}

/** The id's segments, or a refusal: what reaches the file system is only ever plain names. */
export function runIdSegments(id: string): string[] {
  if (id.length === 0 || id.length > 1024) throw new RefusedPathError(id, 'not a run id');
  const segments = id.split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') throw new RefusedPathError(id, 'a run id names a folder inside the log directory, with no empty, "." or ".." part');
    // eslint-disable-next-line no-control-regex
    if (/[\\\0-\x1f]/.test(s) || s.includes(':')) throw new RefusedPathError(id, 'a run id part holds a character no run folder name has');
  }
  return segments;
}

/** True when `path` is `root` or inside it (both real, absolute paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of the run folder `id` names under `root` (itself a real
 * path: every check compares real paths, so a link cannot lead outside), or
 * a refusal when it does not exist or resolves outside `root`.
 */
export async function resolveRunFolder(root: string, id: string): Promise<string> {
  const segments = runIdSegments(id);
  let real: string;
  try {
    real = await realpath(join(root, ...segments));
  } catch {
    throw new RefusedPathError(id, 'no such run');
  }
  if (!isInside(root, real) || real === root) throw new RefusedPathError(id, 'outside the log directory');
  return real;
}

/** The real path of `name` inside a run folder, refused when a link leads it outside the log directory. */
export async function resolveRunFile(root: string, folder: string, name: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(join(folder, name));
  } catch {
    throw new RefusedPathError(name, 'no such file');
  }
  if (!isInside(root, real)) throw new RefusedPathError(name, 'outside the log directory');
  return real;
}
