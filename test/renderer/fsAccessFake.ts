/**
 * Stand-ins for the browser's File System Access API (directory and file
 * handles), drag-and-drop items and Files, over an in-memory folder a test
 * writes to the way a training run does. Like Chromium, getFile() returns a
 * snapshot: reading it after the file changed fails with NotReadableError.
 */
import { appended } from '../core/runReplica';

const notFound = (what: string) => new DOMException(`A requested file or directory could not be found: ${what}`, 'NotFoundError');

interface Stored {
  data: Uint8Array;
  modified: number;
}

/** A File-like snapshot whose slices are produced on demand (so a huge file costs nothing until read). */
export class FakeFile {
  readonly webkitRelativePath: string;
  slices: Array<{ start: number; end: number }> = [];
  constructor(
    readonly name: string,
    readonly size: number,
    readonly lastModified: number,
    private readonly bytesAt: (start: number, end: number) => Uint8Array,
    private readonly stillValid: () => boolean = () => true,
    relativePath = '',
  ) {
    this.webkitRelativePath = relativePath;
  }
  slice(start: number, end: number) {
    const from = Math.min(start, this.size);
    const to = Math.min(end, this.size);
    this.slices.push({ start: from, end: to });
    return {
      arrayBuffer: async () => {
        if (!this.stillValid()) throw new DOMException('The requested file could not be read', 'NotReadableError');
        return this.bytesAt(from, to).slice().buffer;
      },
    };
  }
  async text(): Promise<string> {
    return new TextDecoder().decode(this.bytesAt(0, this.size));
  }
  asFile(): File {
    return this as unknown as File;
  }
}

export class MemoryDir {
  readonly files = new Map<string, Stored>();
  deleted = false;
  private clock = 1;
  /** Every File handed out, for checks on how it was read. */
  readonly handedOut: FakeFile[] = [];

  constructor(readonly name: string) {}

  write(file: string, text: string): this {
    this.files.set(file, { data: new TextEncoder().encode(text), modified: ++this.clock });
    return this;
  }
  append(file: string, text: string): this {
    const f = this.files.get(file);
    if (!f) return this.write(file, text);
    this.files.set(file, { data: appended(f.data, text), modified: ++this.clock });
    return this;
  }
  remove(file: string): this {
    this.files.delete(file);
    return this;
  }

  snapshot(file: string): FakeFile {
    if (this.deleted) throw notFound(this.name);
    const stored = this.files.get(file);
    if (!stored) throw notFound(file);
    const data = stored.data;
    // Valid while the stored file is the same object with the same bytes: any write invalidates it.
    const snap = new FakeFile(file, data.length, stored.modified, (a, b) => data.subarray(a, b), () => this.files.get(file) === stored && stored.data === data);
    this.handedOut.push(snap);
    return snap;
  }

  fileHandle(file: string): FileSystemFileHandle {
    return { kind: 'file', name: file, getFile: async () => this.snapshot(file).asFile() } as unknown as FileSystemFileHandle;
  }

  handle(): FileSystemDirectoryHandle {
    const dir = this;
    return {
      kind: 'directory',
      name: this.name,
      async getFileHandle(file: string) {
        if (dir.deleted || !dir.files.has(file)) throw notFound(file);
        return dir.fileHandle(file);
      },
      keys() {
        return {
          next: async () => {
            if (dir.deleted) throw notFound(dir.name);
            return { done: true, value: undefined };
          },
        };
      },
    } as unknown as FileSystemDirectoryHandle;
  }

  /** The old API's entry for a dropped folder (Firefox, Safari). */
  entry(): FileSystemDirectoryEntry {
    const dir = this;
    return {
      isDirectory: true,
      isFile: false,
      name: this.name,
      getFile(file: string, _options: unknown, success: (e: FileSystemEntry) => void, failure: (e: DOMException) => void) {
        if (!dir.files.has(file)) return failure(notFound(file));
        const snap = dir.snapshot(file);
        success({ isFile: true, isDirectory: false, name: file, file: (ok: (f: File) => void) => ok(snap.asFile()) } as unknown as FileSystemEntry);
      },
    } as unknown as FileSystemDirectoryEntry;
  }
}

export function fileOf(name: string, text: string, relativePath = ''): File {
  const data = new TextEncoder().encode(text);
  return new FakeFile(name, data.length, 1, (a, b) => data.subarray(a, b), () => true, relativePath).asFile();
}

export interface FakeItem {
  file?: File | null;
  handle?: FileSystemHandle | null;
  entry?: FileSystemEntry | null;
}

/**
 * A DataTransfer as a drop handler sees it. Like the browser's, it is
 * emptied once the handler returns: call `expire()` then, and any later use
 * of it fails the test.
 */
export function dataTransfer(items: FakeItem[], options: { withHandles?: boolean } = {}) {
  let expired = false;
  const guard = <T>(f: () => T): T => {
    if (expired) throw new Error('the DataTransfer was used after the drop handler returned');
    return f();
  };
  const list = items.map((item) => ({
    kind: 'file',
    getAsFile: () => guard(() => item.file ?? null),
    webkitGetAsEntry: () => guard(() => item.entry ?? null),
    ...(options.withHandles ? { getAsFileSystemHandle: () => guard(() => Promise.resolve(item.handle ?? undefined)) } : {}),
  }));
  const data = {
    get items() {
      return guard(() => list);
    },
    get files() {
      return guard(() => items.map((i) => i.file).filter(Boolean));
    },
  } as unknown as DataTransfer;
  return { data, expire: () => (expired = true) };
}
