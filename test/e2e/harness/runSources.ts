/**
 * Test-only page script (bundled by test/e2e/run-sources.spec.ts, never
 * shipped): puts the web build's run sources on `window.runHarness` so the
 * spec can drive them in real Chromium, and rebuilds what a source delivers.
 */
import { directorySource } from '../../../src/renderer/platform/runFiles';
import { webRuns } from '../../../src/renderer/platform/webRuns';
import type { PickedRun } from '../../../src/renderer/platform/types';
import type { RunSource } from '../../../src/renderer/runs/source';
import { RunReplica } from '../../core/runReplica';

interface Opened {
  label: string;
  replica: RunReplica;
  stop: () => void;
}

let opened: Opened | null = null;
let lastError = '';
let lastJson: { name: string; text: string } | null = null;

function open(picked: PickedRun | null): void {
  if (!picked) return;
  if (picked.kind === 'json') {
    lastJson = { name: picked.name, text: picked.text };
    return;
  }
  follow(picked.source);
}

function follow(source: RunSource): void {
  opened?.stop();
  const replica = new RunReplica();
  opened = { label: source.label, replica, stop: source.start(replica.listener) };
}

const remember = (e: unknown): void => {
  lastError = e instanceof Error ? e.message : String(e);
};

const harness = {
  /** What the opened run delivered so far. */
  state() {
    const r = opened?.replica;
    return {
      label: opened?.label ?? null,
      info: r?.info ?? null,
      metrics: r?.text('metrics.jsonl') ?? '',
      units: r?.text('units.jsonl') ?? '',
      types: r?.types() ?? [],
      caughtUp: r?.of('caughtUp') ?? [],
      missing: r?.of('missing').map((e) => `${e.file}: ${e.message}`) ?? [],
      restarts: r?.of('restart').map((e) => e.reason) ?? [],
      error: lastError,
      json: lastJson,
    };
  },
  /** Open Run… as the app calls it, with or without the File System Access API. */
  pick(withDirectoryPicker: boolean): void {
    const runs = withDirectoryPicker ? webRuns() : webRuns({ document });
    runs.pickRun().then(open, remember);
  },
  drop(data: DataTransfer): Promise<void> {
    return webRuns().droppedRun(data).then(open, remember);
  },
  /** A run folder in the origin-private file system: a real FileSystemDirectoryHandle the test can write to. */
  async opfsFolder(name: string, files: Record<string, string>): Promise<void> {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(name, { recursive: true }).catch(() => {});
    const dir = await root.getDirectoryHandle(name, { create: true });
    for (const [file, text] of Object.entries(files)) await harness.write(name, file, text, false);
    follow(directorySource(dir, 100));
  },
  async write(folder: string, file: string, text: string, append: boolean): Promise<void> {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
    const handle = await dir.getFileHandle(file, { create: true });
    const size = (await handle.getFile()).size;
    const writable = await handle.createWritable({ keepExistingData: append });
    if (append) await writable.seek(size);
    await writable.write(text);
    await writable.close();
  },
  async remove(folder: string, file: string | null): Promise<void> {
    const root = await navigator.storage.getDirectory();
    if (file === null) return root.removeEntry(folder, { recursive: true });
    return (await root.getDirectoryHandle(folder)).removeEntry(file);
  },
};

(window as unknown as { runHarness: typeof harness }).runHarness = harness;
document.getElementById('pick')!.addEventListener('click', () => harness.pick(false));
document.getElementById('pick-handle')!.addEventListener('click', () => harness.pick(true));
document.body.dataset.ready = 'yes';
