/**
 * The runs one window opened: Open Run…'s folder dialog, runs dropped on the
 * window, and a follower for each run the renderer reads. The renderer
 * knows a run by an opaque id and the folder's own name; the path stays
 * here. A dropped path comes from the renderer's process, so main accepts
 * only what a run can be: a folder (of which only the run files are read),
 * a run file (its folder), or a JSON file that is a run export.
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { RunOpenError, choosePicked } from '../core/rundir/picked';
import type { OpenedRun, RunEventMessage } from '../preload/api';
import type { DialogLike, FsLike, RunFsLike } from './electronApi';
import { MAX_SAVE_BYTES } from './ipcInput';
import { FolderFollower, fsErrorText } from './runFollower';

export { RunOpenError };

/** The exported run's format, which its writer puts first (src/renderer/export/runJson.ts). */
const RUN_JSON_FORMAT = /"format"\s*:\s*"relu-lab\/run@1"/;
const SNIFF_BYTES = 64 * 1024;
/** Opened runs a window remembers (a stopped run can be started again); beyond this the oldest stopped one is forgotten. */
export const MAX_OPEN_RUNS = 256;

interface RunEntry {
  folder: string;
  label: string;
  follower: FolderFollower | null;
}

export interface RunFoldersDeps {
  dialog: DialogLike;
  fs: Pick<FsLike, 'readFile'>;
  runFs: RunFsLike;
  platform: NodeJS.Platform;
  /** The window the dialog is modal to. */
  window: () => unknown;
  send(message: RunEventMessage): void;
  log(message: string): void;
  pollMs?: number;
  chunkBytes?: number;
}

/** A folder's own name for titles; the root of a drive has none. */
const labelOf = (folder: string): string => basename(folder) || 'run';

export class RunFolders {
  private readonly runs = new Map<string, RunEntry>();

  constructor(private readonly deps: RunFoldersDeps) {}

  /** Open Run…: a folder, or on macOS (where one dialog can take both) a run JSON file. */
  async pick(): Promise<OpenedRun | null> {
    const mac = this.deps.platform === 'darwin';
    const result = await this.deps.dialog.showOpenDialog(this.deps.window(), {
      title: 'Open Run',
      ...(mac ? { filters: [{ name: 'Run folder or run JSON', extensions: ['json'] }] } : {}),
      properties: mac ? ['openDirectory', 'openFile'] : ['openDirectory'],
    });
    const path = result.filePaths[0];
    if (result.canceled || !path) return null;
    return this.open([path]);
  }

  /** Paths of what was dropped (from the preload): one run folder, its files, or one run JSON. */
  openDropped(paths: string[]): Promise<OpenedRun> {
    return this.open(paths);
  }

  /** Starts following a run (from the beginning) for the renderer's `stream`; a follower of an earlier start stops. */
  start(runId: string, stream: number): void {
    const entry = this.entry(runId);
    entry.follower?.stop();
    entry.follower = new FolderFollower({
      runId,
      stream,
      folder: entry.folder,
      label: entry.label,
      fs: this.deps.runFs,
      send: this.deps.send,
      log: this.deps.log,
      pollMs: this.deps.pollMs,
      chunkBytes: this.deps.chunkBytes,
    });
  }

  ack(runId: string, stream: number, seq: number): void {
    const follower = this.runs.get(runId)?.follower;
    if (follower?.stream === stream) follower.ack(seq);
  }

  /** Stops watching; the run stays known, so the renderer may start it again. */
  stop(runId: string, stream: number): void {
    const entry = this.runs.get(runId);
    if (entry?.follower?.stream !== stream) return;
    entry.follower.stop();
    entry.follower = null;
  }

  /** The window closed or its page reloaded: nothing of its runs remains. */
  closeAll(): void {
    for (const entry of this.runs.values()) entry.follower?.stop();
    this.runs.clear();
  }

  /** How many runs are being followed now (for tests and logs). */
  get following(): number {
    let n = 0;
    for (const entry of this.runs.values()) if (entry.follower) n++;
    return n;
  }

  private entry(runId: string): RunEntry {
    const entry = this.runs.get(runId);
    if (!entry) throw new RunOpenError('This run is no longer open in this window: open it again');
    return entry;
  }

  private async open(paths: string[]): Promise<OpenedRun> {
    const items = await Promise.all(paths.map(async (path) => ({ path, name: basename(path), stat: await this.statOf(path) })));
    const choice = choosePicked(items.map((item) => ({ name: item.name, folder: item.stat.isDirectory() })));
    if (choice.kind === 'folder') return this.register(items[choice.index]!.path);
    if (choice.kind === 'json') {
      const { path, name, stat } = items[choice.index]!;
      return { json: { name, text: await this.readRunJson(path, name, stat.size) } };
    }
    const folders = new Set(choice.indices.map((i) => dirname(items[i]!.path)));
    if (folders.size > 1) throw new RunOpenError(`The dropped run files come from ${folders.size} folders: drop one run at a time`);
    return this.register([...folders][0]!);
  }

  private async statOf(path: string): Promise<Awaited<ReturnType<RunFsLike['stat']>>> {
    try {
      return await this.deps.runFs.stat(path);
    } catch (e) {
      throw new RunOpenError(`Cannot open ${basename(path)}: ${fsErrorText(e)}`);
    }
  }

  private async readRunJson(path: string, name: string, size: number): Promise<string> {
    if (size > MAX_SAVE_BYTES) throw new RunOpenError(`${name} is ${Math.round(size / 2 ** 20)} MB; a run JSON the app exports is at most ${MAX_SAVE_BYTES / 2 ** 20} MB`);
    let head: string;
    try {
      const handle = await this.deps.runFs.open(path, 'r');
      try {
        const buffer = new Uint8Array(Math.min(size, SNIFF_BYTES));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        head = new TextDecoder().decode(buffer.subarray(0, bytesRead));
      } finally {
        await handle.close().catch(() => {});
      }
    } catch (e) {
      throw new RunOpenError(`Cannot open ${name}: ${fsErrorText(e)}`);
    }
    // Read whole only once it says it is a run: a forged drop cannot make main hand over any JSON file.
    if (!RUN_JSON_FORMAT.test(head)) throw new RunOpenError(`${name} is not a run exported by ReLU Lab (its start does not say "format": "relu-lab/run@1")`);
    try {
      return await this.deps.fs.readFile(path, 'utf8');
    } catch (e) {
      throw new RunOpenError(`Cannot open ${name}: ${fsErrorText(e)}`);
    }
  }

  private register(folder: string): OpenedRun {
    if (this.runs.size >= MAX_OPEN_RUNS) {
      const oldestStopped = [...this.runs].find(([, entry]) => !entry.follower);
      if (!oldestStopped) throw new RunOpenError(`${MAX_OPEN_RUNS} runs are open in this window: close some first`);
      this.runs.delete(oldestStopped[0]);
    }
    const runId = randomUUID();
    const label = labelOf(folder);
    this.runs.set(runId, { folder, label, follower: null });
    return { runId, label };
  }
}
