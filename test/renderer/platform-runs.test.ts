/** Open Run… and dropped runs: the web build's sources on fakes of the File System Access API, and Electron's over a fake bridge. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi, RunEventMessage } from '../../src/preload/api';
import { directorySource, lookupAccess, snapshotLookup, followedSource } from '../../src/renderer/platform/runFiles';
import { topLevelRunFiles, webRuns } from '../../src/renderer/platform/webRuns';
import { electronRunSource, electronRuns, ipcErrorMessage } from '../../src/renderer/platform/electronRuns';
import type { PickedRun } from '../../src/renderer/platform/types';
import type { RunSource } from '../../src/renderer/runs/source';
import { RunReplica } from '../core/runReplica';
import { FakeFile, MemoryDir, dataTransfer, fileOf } from './fsAccessFake';

const RUN_JSON = '{"format":"relu-lab/rundir@1","name":"cnn"}';
const line = (step: number) => `{"step":${step},"epoch":null,"loss":0.5,"layers":[]}\n`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i)).join('');
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

function runDir(name = 'cnn', records = 3): MemoryDir {
  return new MemoryDir(name).write('run.json', RUN_JSON).write('units.jsonl', lines(0, records)).write('metrics.jsonl', lines(0, records));
}

const stops: Array<() => void> = [];
afterEach(() => {
  while (stops.length) stops.pop()!();
});

function started(source: RunSource): RunReplica {
  const replica = new RunReplica();
  stops.push(source.start(replica.listener));
  return replica;
}

function folderOf(picked: PickedRun | null): RunSource {
  if (picked?.kind !== 'folder') throw new Error(`expected a folder, got ${JSON.stringify(picked)}`);
  return picked.source;
}

const noDocument = undefined as unknown as Document;

describe('web: a directory handle (showDirectoryPicker, a dropped folder in Chromium)', () => {
  it('reads the folder, then follows appends by polling', async () => {
    const dir = runDir();
    const replica = started(directorySource(dir.handle(), 10));
    await waitFor(() => expect(replica.of('caughtUp')).toEqual([{ type: 'caughtUp', following: true }]));
    expect(replica.info).toBe(RUN_JSON);
    expect(replica.text('metrics.jsonl')).toBe(lines(0, 3));
    dir.append('units.jsonl', line(3)).append('metrics.jsonl', line(3));
    await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(lines(0, 4)));
    expect(replica.text('units.jsonl')).toBe(lines(0, 4));
  });

  it('restarts a truncated or replaced file, and says when a file or the folder is deleted', async () => {
    const dir = runDir();
    const replica = started(directorySource(dir.handle(), 10));
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    dir.write('metrics.jsonl', line(0));
    dir.write('units.jsonl', lines(40, 60));
    await waitFor(() => expect(replica.of('restart').map((e) => e.file)).toEqual(['metrics.jsonl', 'units.jsonl']));
    await waitFor(() => expect(replica.text('units.jsonl')).toBe(lines(40, 60)));
    expect(replica.text('metrics.jsonl')).toBe(line(0));
    dir.remove('units.jsonl');
    await waitFor(() => expect(replica.of('missing').map((e) => e.message)).toEqual(['units.jsonl was deleted; what was read of it is kept']));
    dir.deleted = true;
    await waitFor(() => expect(replica.of('missing')).toHaveLength(3));
    expect(replica.of('missing')[1]!.message).toBe('the run folder "cnn" is gone (deleted or moved); what was read of run.json is kept');
  });

  it('reads a huge file in slices, one at a time, never more than one slice ahead of the reader', async () => {
    const size = 64 << 20;
    const mib = 1 << 20;
    const chunk = new Uint8Array(mib).fill(0x61);
    const big = new FakeFile('units.jsonl', size, 1, (a, b) => chunk.subarray(0, b - a));
    const files = new Map([['units.jsonl', big.asFile()]]);
    let held = 0;
    let maxHeld = 0;
    let delivered = 0;
    const readAhead: number[] = [];
    const source = followedSource('big', lookupAccess(snapshotLookup(files)), false);
    const done = new Promise<void>((resolve) => {
      stops.push(source.start(async (event) => {
        if (event.type === 'caughtUp') return resolve();
        if (event.type !== 'bytes') return;
        held += event.bytes.length;
        maxHeld = Math.max(maxHeld, held);
        await new Promise((r) => setTimeout(r, 0));
        delivered += event.bytes.length;
        held -= event.bytes.length;
        // Slices asked for so far: none beyond the one just delivered (the next is read only after this returns).
        if (big.slices.length !== delivered / mib) readAhead.push(big.slices.length);
      }));
    });
    await done;
    expect(delivered).toBe(size);
    expect(readAhead).toEqual([]);
    expect(maxHeld).toBe(mib);
    expect(Math.max(...big.slices.map((s) => s.end - s.start))).toBe(mib);
  });

  it('gets the file again when a snapshot turns unreadable because the run wrote meanwhile', async () => {
    const dir = runDir();
    const handle = dir.handle();
    let metricsLookups = 0;
    const access = lookupAccess(async (name) => {
      const file = await (await handle.getFileHandle(name)).getFile();
      // The run writes between the browser's getFile() and the first read of metrics.jsonl (its second look: the first is a stat).
      if (name === 'metrics.jsonl' && ++metricsLookups === 2) dir.append('metrics.jsonl', '');
      return file;
    });
    const replica = started(followedSource('cnn', access, false));
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    expect(metricsLookups).toBe(3);
    expect(replica.text('metrics.jsonl')).toBe(lines(0, 3));
    expect(replica.of('missing')).toEqual([]);
  });

  it('says so when a snapshot picked earlier changed on disk', async () => {
    const dir = runDir();
    const metrics = dir.snapshot('metrics.jsonl');
    dir.append('metrics.jsonl', line(3));
    const replica = started(followedSource('cnn', lookupAccess(snapshotLookup(new Map([['metrics.jsonl', metrics.asFile()]]))), false));
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    expect(replica.of('missing').find((e) => e.file === 'metrics.jsonl')!.message).toBe(
      'metrics.jsonl cannot be read: it changed on disk after it was picked; open the run again (NotReadableError)',
    );
  });
});

describe('web: pickRun', () => {
  it('opens the folder showDirectoryPicker gives, and follows it', async () => {
    const dir = runDir();
    const picker = vi.fn(async () => dir.handle());
    const picked = await webRuns({ showDirectoryPicker: picker, document: noDocument, pollMs: 10 }).pickRun();
    expect(picker).toHaveBeenCalledWith({ id: 'relu-lab-runs', mode: 'read' });
    const source = folderOf(picked);
    expect(source.label).toBe('cnn');
    const replica = started(source);
    dir.append('metrics.jsonl', line(3));
    await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(lines(0, 4)));
  });

  it('returns null when the user cancels, and names any other failure', async () => {
    const cancel = async () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
    expect(await webRuns({ showDirectoryPicker: cancel, document: noDocument }).pickRun()).toBeNull();
    const blocked = async () => Promise.reject(new DOMException('Must be handling a user gesture', 'SecurityError'));
    await expect(webRuns({ showDirectoryPicker: blocked, document: noDocument }).pickRun()).rejects.toThrow('The folder could not be opened: the browser does not allow reading it (SecurityError)');
  });

  it('takes the run files at the top of a folder picked with <input webkitdirectory>', () => {
    const files = [
      fileOf('run.json', RUN_JSON, 'cnn/run.json'),
      fileOf('metrics.jsonl', line(0), 'cnn/metrics.jsonl'),
      fileOf('units.jsonl', line(0), 'cnn/old/units.jsonl'),
      fileOf('notes.txt', '', 'cnn/notes.txt'),
    ];
    const { label, files: found } = topLevelRunFiles(files);
    expect(label).toBe('cnn');
    expect([...found.keys()]).toEqual(['run.json', 'metrics.jsonl']);
  });
});

describe('web: droppedRun', () => {
  it('follows a folder dropped in Chromium (a handle), taking everything from the drop before it waits', async () => {
    const dir = runDir('cnn-lr0.5');
    const { data, expire } = dataTransfer([{ file: fileOf('cnn-lr0.5', ''), handle: dir.handle(), entry: dir.entry() }], { withHandles: true });
    const pending = webRuns({ document: noDocument, pollMs: 10 }).droppedRun(data);
    expire();
    const source = folderOf(await pending);
    expect(source.label).toBe('cnn-lr0.5');
    const replica = started(source);
    await waitFor(() => expect(replica.of('caughtUp')).toEqual([{ type: 'caughtUp', following: true }]));
    dir.append('metrics.jsonl', line(3));
    await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(lines(0, 4)));
  });

  it('follows loose run files dropped in Chromium (file handles)', async () => {
    const dir = runDir();
    const { data, expire } = dataTransfer(['run.json', 'metrics.jsonl', 'units.jsonl'].map((name) => ({ file: dir.snapshot(name).asFile(), handle: dir.fileHandle(name) })), { withHandles: true });
    const pending = webRuns({ document: noDocument, pollMs: 10 }).droppedRun(data);
    expire();
    const replica = started(folderOf(await pending));
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    dir.append('units.jsonl', line(3));
    await waitFor(() => expect(replica.text('units.jsonl')).toBe(lines(0, 4)));
  });

  it('reads a folder dropped where only entries exist (Firefox, Safari) once, as a snapshot', async () => {
    const dir = runDir('mlp');
    const { data, expire } = dataTransfer([{ file: fileOf('mlp', ''), entry: dir.entry() }]);
    const pending = webRuns({ document: noDocument }).droppedRun(data);
    expire();
    const source = folderOf(await pending);
    expect(source.label).toBe('mlp');
    const replica = started(source);
    await waitFor(() => expect(replica.of('caughtUp')).toEqual([{ type: 'caughtUp', following: false }]));
    expect(replica.text('units.jsonl')).toBe(lines(0, 3));
  });

  it('opens loose files, a run JSON, and refuses what is not a run by name', async () => {
    const runs = webRuns({ document: noDocument });
    // Files without a handle behind them (Chromium resolves getAsFileSystemHandle() with undefined for those).
    const loose = dataTransfer([{ file: fileOf('run.json', RUN_JSON) }, { file: fileOf('metrics.jsonl', line(0)) }], { withHandles: true });
    const source = folderOf(await runs.droppedRun(loose.data));
    const replica = started(source);
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    expect(replica.types()).toEqual(['info', 'bytes:metrics.jsonl', 'missing:units.jsonl', 'caughtUp']);

    const exported = '{"format":"relu-lab/run@1","metrics":[]}';
    expect(await runs.droppedRun(dataTransfer([{ file: fileOf('spiral_run.json', exported) }]).data)).toEqual({ kind: 'json', name: 'spiral_run.json', text: exported });
    await expect(runs.droppedRun(dataTransfer([{ file: fileOf('loss.png', 'PNG') }]).data)).rejects.toThrow('loss.png is not a run: open a run folder');
    await expect(runs.droppedRun(dataTransfer([{ file: fileOf('a.json', '') }, { file: fileOf('b.json', '') }]).data)).rejects.toThrow('Drop one run at a time: 2 items were dropped (a.json, b.json)');
    expect(await runs.droppedRun(dataTransfer([]).data)).toBeNull();
  });
});

/** The bridge as the preload exposes it, with main played by the test. */
function fakeBridge() {
  const handlers = new Set<(m: RunEventMessage) => void>();
  const calls: string[] = [];
  const api = {
    openRunFolder: vi.fn(async () => ({ runId: 'r1', label: 'cnn' })),
    openDroppedRun: vi.fn(async (..._files: File[]) => ({ json: { name: 'x.json', text: '{}' } })),
    startRun: (runId: string, stream: number) => calls.push(`start ${runId} ${stream}`),
    ackRunEvent: (runId: string, stream: number, seq: number) => calls.push(`ack ${runId} ${stream} ${seq}`),
    stopRun: (runId: string, stream: number) => calls.push(`stop ${runId} ${stream}`),
    onRunEvent: (handler: (m: RunEventMessage) => void) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  const emit = (m: RunEventMessage) => handlers.forEach((h) => h(m));
  return { api: api as unknown as DesktopApi, mocks: api, calls, emit, handlers };
}

describe('Electron: runs over the bridge', () => {
  it('starts the run, hands each event to the listener and acknowledges it only once the listener is done', async () => {
    const { api, calls, emit } = fakeBridge();
    const source = folderOf(await electronRuns(api).pickRun());
    expect(source.label).toBe('cnn');
    let release!: () => void;
    const seen: string[] = [];
    const stop = source.start((event) => {
      seen.push(event.type);
      if (event.type === 'info') return new Promise<void>((r) => (release = r));
    });
    expect(calls).toEqual(['start r1 1']);
    emit({ runId: 'r1', stream: 1, seq: 0, event: { type: 'info', text: '{}' } });
    emit({ runId: 'other', stream: 1, seq: 0, event: { type: 'caughtUp', following: true } });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual(['start r1 1']);
    release();
    await waitFor(() => expect(calls).toEqual(['start r1 1', 'ack r1 1 0']));
    stop();
    expect(calls.at(-1)).toBe('stop r1 1');
    expect(seen).toEqual(['info']);
  });

  it('starts again with a new stream and ignores late events of the old one (React runs effects twice in development)', async () => {
    const { api, calls, emit, handlers } = fakeBridge();
    const source = electronRunSource(api, 'r1', 'cnn');
    const first: string[] = [];
    const second: string[] = [];
    source.start((e) => void first.push(e.type))();
    const stop = source.start((e) => void second.push(e.type));
    emit({ runId: 'r1', stream: 1, seq: 3, event: { type: 'caughtUp', following: true } });
    emit({ runId: 'r1', stream: 2, seq: 0, event: { type: 'info', text: '{}' } });
    await waitFor(() => expect(calls.at(-1)).toBe('ack r1 2 0'));
    expect(calls).toEqual(['start r1 1', 'stop r1 1', 'start r1 2', 'ack r1 2 0']);
    expect(first).toEqual([]);
    expect(second).toEqual(['info']);
    stop();
    expect(handlers.size).toBe(0);
  });

  it('hands dropped File objects to the bridge as they are, and shows main refusals without Electron\'s wrapping', async () => {
    const { api, mocks } = fakeBridge();
    const file = fileOf('cnn', '');
    const { data, expire } = dataTransfer([{ file }]);
    const pending = electronRuns(api).droppedRun(data);
    expire();
    expect(await pending).toEqual({ kind: 'json', name: 'x.json', text: '{}' });
    expect(mocks.openDroppedRun).toHaveBeenCalledWith(file);
    mocks.openRunFolder.mockRejectedValueOnce(new Error("Error invoking remote method 'relu-lab:open-run-folder': RunOpenError: loss.png is not a run: open a run folder"));
    await expect(electronRuns(api).pickRun()).rejects.toThrow(/^loss\.png is not a run: open a run folder$/);
    expect(ipcErrorMessage(new Error('plain'))).toBe('plain');
  });
});
