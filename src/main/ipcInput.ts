/**
 * Checks what the renderer sends over IPC before main acts on it. The
 * renderer is trusted code, but a bug there must not turn into a file
 * written somewhere odd: every message names the field and what was expected.
 */
import { isAbsolute } from 'node:path';
import type { DataFileRequest, FileFilter } from '../preload/api';

export class IpcInputError extends Error {
  constructor(readonly path: string, readonly expected: string) {
    super(`${path}: expected ${expected}`);
    this.name = 'IpcInputError';
  }
}

type Obj = Record<string, unknown>;

function object(value: unknown, path: string): Obj {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new IpcInputError(path, 'an object');
  return value as Obj;
}

function onlyKeys(o: Obj, path: string, allowed: string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw new IpcInputError(`${path}.${key}`, `no such field (allowed: ${allowed.join(', ')})`);
  }
}

function text(value: unknown, path: string, max = 4096): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) throw new IpcInputError(path, `a non-empty string of at most ${max} characters`);
  return value;
}

const EXTENSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

function filters(value: unknown, path: string): FileFilter[] {
  if (!Array.isArray(value) || value.length > 16) throw new IpcInputError(path, 'an array of at most 16 file filters');
  return value.map((f, i) => {
    const o = object(f, `${path}[${i}]`);
    onlyKeys(o, `${path}[${i}]`, ['name', 'extensions']);
    const name = text(o.name, `${path}[${i}].name`, 200);
    if (!Array.isArray(o.extensions) || o.extensions.length === 0 || o.extensions.length > 16) {
      throw new IpcInputError(`${path}[${i}].extensions`, 'a non-empty array of at most 16 extensions');
    }
    const extensions = o.extensions.map((e, j) => {
      if (typeof e !== 'string' || !EXTENSION.test(e)) throw new IpcInputError(`${path}[${i}].extensions[${j}]`, 'an extension such as "relu.json" (letters, digits, ".", "_", "-"; no leading dot)');
      return e;
    });
    return { name, extensions };
  });
}

export function parseOpenFileRequest(value: unknown): { title: string; filters: FileFilter[] } {
  const o = object(value, 'openFile');
  onlyKeys(o, 'openFile', ['title', 'filters']);
  return { title: text(o.title, 'openFile.title', 200), filters: filters(o.filters, 'openFile.filters') };
}

export interface SaveFileRequest {
  path?: string;
  suggestedName: string;
  filters: FileFilter[];
  data: string | Uint8Array;
}

/** 256 MB: far above any export the app makes, low enough to refuse a runaway buffer. */
export const MAX_SAVE_BYTES = 256 * 1024 * 1024;

export function parseSaveFileRequest(value: unknown): SaveFileRequest {
  const o = object(value, 'saveFile');
  onlyKeys(o, 'saveFile', ['path', 'suggestedName', 'filters', 'data']);
  const suggestedName = text(o.suggestedName, 'saveFile.suggestedName', 255);
  if (/[\\/]/.test(suggestedName)) throw new IpcInputError('saveFile.suggestedName', 'a file name without folders');
  const request: SaveFileRequest = { suggestedName, filters: filters(o.filters, 'saveFile.filters'), data: '' };
  if (o.path !== undefined && o.path !== null) request.path = text(o.path, 'saveFile.path');
  if (typeof o.data === 'string') {
    if (o.data.length > MAX_SAVE_BYTES) throw new IpcInputError('saveFile.data', `at most ${MAX_SAVE_BYTES} characters`);
    request.data = o.data;
  } else if (o.data instanceof Uint8Array) {
    if (o.data.byteLength > MAX_SAVE_BYTES) throw new IpcInputError('saveFile.data', `at most ${MAX_SAVE_BYTES} bytes`);
    request.data = o.data;
  } else {
    throw new IpcInputError('saveFile.data', 'a string or a Uint8Array');
  }
  return request;
}

/** The experiment's path (null: not from a file) and its `data.path`, which comes from the file's text: main checks where it leads. */
export function parseDataFileRequest(value: unknown): DataFileRequest {
  const o = object(value, 'readDataFile');
  onlyKeys(o, 'readDataFile', ['experiment', 'file']);
  const experiment = o.experiment === null ? null : text(o.experiment, 'readDataFile.experiment');
  const file = text(o.file, 'readDataFile.file');
  if (file.includes('\0')) throw new IpcInputError('readDataFile.file', 'a path without NUL characters');
  return { experiment, file };
}

export function parseDocumentState(value: unknown): { title: string; dirty: boolean } {
  const o = object(value, 'documentState');
  onlyKeys(o, 'documentState', ['title', 'dirty']);
  if (typeof o.dirty !== 'boolean') throw new IpcInputError('documentState.dirty', 'a boolean');
  return { title: text(o.title, 'documentState.title', 500), dirty: o.dirty };
}

export function parseTheme(value: unknown): 'dark' | 'light' {
  if (value !== 'dark' && value !== 'light') throw new IpcInputError('theme', '"dark" or "light"');
  return value;
}

export function parsePath(value: unknown, path: string): string {
  return text(value, path);
}

export function parseWebUrl(value: unknown, path: string): string {
  const url = text(value, path, 2048);
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new IpcInputError(path, 'an absolute http(s) URL');
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new IpcInputError(path, 'an http(s) URL');
  return url;
}

/** A run id as main makes them (randomUUID): the renderer cannot name anything else. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function runId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !RUN_ID.test(value)) throw new IpcInputError(path, 'a run id given by main');
  return value;
}

function counter(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new IpcInputError(path, 'a non-negative integer');
  return value;
}

/** `{runId, stream}`: which run, and which start of it. */
export function parseRunStream(value: unknown, path: string): { runId: string; stream: number } {
  const o = object(value, path);
  onlyKeys(o, path, ['runId', 'stream']);
  return { runId: runId(o.runId, `${path}.runId`), stream: counter(o.stream, `${path}.stream`) };
}

export function parseRunAck(value: unknown): { runId: string; stream: number; seq: number } {
  const o = object(value, 'runAck');
  onlyKeys(o, 'runAck', ['runId', 'stream', 'seq']);
  return { runId: runId(o.runId, 'runAck.runId'), stream: counter(o.stream, 'runAck.stream'), seq: counter(o.seq, 'runAck.seq') };
}

/** What the preload found for a drop: absolute paths, a handful at most. */
export function parseDroppedPaths(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 64) throw new IpcInputError('openDroppedRun', 'an array of 1 to 64 paths');
  return value.map((p, i) => {
    const path = text(p, `openDroppedRun[${i}]`);
    if (!isAbsolute(path) || path.includes('\0')) throw new IpcInputError(`openDroppedRun[${i}]`, 'an absolute path (a file dropped from disk)');
    return path;
  });
}
