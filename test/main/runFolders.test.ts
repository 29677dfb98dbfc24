/** Open Run… in main: the dialog, drops, and the follower of each run with fake fs, fs.watch and a renderer that acknowledges. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunEventMessage } from '../../src/preload/api';
import { MAX_OPEN_RUNS, RunFolders, type RunFoldersDeps } from '../../src/main/runFolders';
import { RunReplica } from '../core/runReplica';
import { FakeDialog, MemoryFs } from './fakes';
import { MemoryRunFs } from './runFsFake';

const RUN = '/home/u/runs/cnn';
const RUN_JSON = '{"format":"relu-lab/rundir@1","name":"cnn"}';
const line = (step: number) => `{"step":${step},"epoch":null,"loss":0.5,"layers":[{"index":0,"inactiveFraction":0.25}]}\n`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i)).join('');

function runFolder(fs = new MemoryRunFs(), records = 3): MemoryRunFs {
  return fs.write(`${RUN}/run.json`, RUN_JSON).write(`${RUN}/units.jsonl`, lines(0, records)).write(`${RUN}/metrics.jsonl`, lines(0, records));
}

/** RunFolders with a stand-in renderer: it rebuilds the files from the events and acknowledges each (unless told to hold them). */
function setup(options: { runFs?: MemoryRunFs; autoAck?: boolean; pollMs?: number; chunkBytes?: number; platform?: NodeJS.Platform } = {}) {
  const runFs = options.runFs ?? runFolder();
  const dialog = new FakeDialog();
  const fs = new MemoryFs();
  const sent: RunEventMessage[] = [];
  const replica = new RunReplica();
  const logs: string[] = [];
  let autoAck = options.autoAck ?? true;
  const deps: RunFoldersDeps = {
    dialog,
    fs,
    runFs,
    platform: options.platform ?? 'linux',
    window: () => null,
    send: (message) => {
      sent.push(message);
      replica.take(message.event);
      if (autoAck) queueMicrotask(() => runs.ack(message.runId, message.stream, message.seq));
    },
    log: (m) => logs.push(m),
    pollMs: options.pollMs ?? 20,
    chunkBytes: options.chunkBytes,
  };
  const runs = new RunFolders(deps);
  const ackNext = () => {
    const last = sent.at(-1)!;
    runs.ack(last.runId, last.stream, last.seq);
  };
  return { runs, runFs, dialog, fs, sent, replica, logs, ackNext, setAutoAck: (on: boolean) => (autoAck = on) };
}

async function openRun(runs: RunFolders, dialog: FakeDialog, path = RUN): Promise<string> {
  dialog.openResult = { canceled: false, filePaths: [path] };
  const opened = await runs.pick();
  if (!opened || !('runId' in opened)) throw new Error(`expected a run folder, got ${JSON.stringify(opened)}`);
  return opened.runId;
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});
function track<T extends { runs: RunFolders }>(t: T): T {
  cleanup.push(() => t.runs.closeAll());
  return t;
}

describe('RunFolders: opening', () => {
  it('opens a folder from the native dialog; the renderer gets an id and the folder name', async () => {
    const { runs, dialog } = track(setup());
    dialog.openResult = { canceled: false, filePaths: [RUN] };
    const opened = await runs.pick();
    expect(opened).toEqual({ runId: expect.stringMatching(/^[0-9a-f-]{36}$/), label: 'cnn' });
    expect(dialog.calls[0]!.options).toMatchObject({ title: 'Open Run', properties: ['openDirectory'] });
    dialog.openResult = { canceled: true, filePaths: [] };
    expect(await runs.pick()).toBeNull();
  });

  it('lets macOS pick a run JSON in the same dialog, and returns its text', async () => {
    const { runs, dialog, runFs, fs } = track(setup({ platform: 'darwin' }));
    const text = '{\n "format": "relu-lab/run@1",\n "metrics": []\n}';
    runFs.write('/home/u/exports/spiral-run.json', text);
    fs.files.set('/home/u/exports/spiral-run.json', text);
    dialog.openResult = { canceled: false, filePaths: ['/home/u/exports/spiral-run.json'] };
    expect(await runs.pick()).toEqual({ json: { name: 'spiral-run.json', text } });
    expect(dialog.calls[0]!.options.properties).toEqual(['openDirectory', 'openFile']);
  });

  it('opens what was dropped: a folder, a run file (its folder), a run JSON; refuses anything else by name', async () => {
    const { runs, runFs, fs } = track(setup());
    const exported = '{"format": "relu-lab/run@1", "metrics": []}';
    runFs.mkdir('/home/u/runs/mlp').write('/home/u/runs/mlp/run.json', RUN_JSON);
    runFs.write('/home/u/exports/run-export.json', exported).write('/home/u/notes.json', '{"format":"other"}').write('/home/u/photo.png', 'PNG');
    fs.files.set('/home/u/exports/run-export.json', exported);
    fs.files.set('/home/u/notes.json', '{"format":"other"}');

    expect(await runs.openDropped([RUN])).toMatchObject({ label: 'cnn' });
    expect(await runs.openDropped([`${RUN}/run.json`, `${RUN}/metrics.jsonl`, `${RUN}/units.jsonl`])).toMatchObject({ label: 'cnn' });
    expect(await runs.openDropped(['/home/u/exports/run-export.json'])).toEqual({ json: { name: 'run-export.json', text: exported } });
    await expect(runs.openDropped(['/home/u/notes.json'])).rejects.toThrow('notes.json is not a run exported by ReLU Lab (its start does not say "format": "relu-lab/run@1")');
    await expect(runs.openDropped(['/home/u/photo.png'])).rejects.toThrow('photo.png is not a run: open a run folder (run.json, metrics.jsonl, units.jsonl) or a run exported as JSON');
    await expect(runs.openDropped([RUN, '/home/u/runs/mlp'])).rejects.toThrow('Drop one run at a time: 2 items were dropped (cnn, mlp)');
    await expect(runs.openDropped([`${RUN}/run.json`, '/home/u/runs/mlp/run.json'])).rejects.toThrow('The dropped run files come from 2 folders: drop one run at a time');
    await expect(runs.openDropped(['/home/u/gone'])).rejects.toThrow('Cannot open gone: not found (ENOENT)');
  });
});

describe('RunFolders: following a run', () => {
  it('sends run.json, then the record files in chunks from offset 0, then caughtUp', async () => {
    const { runs, dialog, replica, runFs } = track(setup({ runFs: runFolder(new MemoryRunFs(), 100), chunkBytes: 1000 }));
    const runId = await openRun(runs, dialog);
    runs.start(runId, 1);
    await waitFor(() => expect(replica.of('caughtUp')).toEqual([{ type: 'caughtUp', following: true }]));
    expect(replica.info).toBe(RUN_JSON);
    expect(replica.text('metrics.jsonl')).toBe(lines(0, 100));
    expect(replica.text('units.jsonl')).toBe(lines(0, 100));
    expect(Math.max(...replica.of('bytes').map((e) => e.bytes.length))).toBe(1000);
    expect(runFs.openHandles).toBe(0);
  });

  it('sends appended records as fs.watch reports them, without waiting for the poll', async () => {
    const { runs, dialog, replica, runFs } = track(setup({ pollMs: 60_000 }));
    runs.start(await openRun(runs, dialog), 1);
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    runFs.append(`${RUN}/units.jsonl`, line(3)).append(`${RUN}/metrics.jsonl`, line(3));
    await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(lines(0, 4)));
    expect(replica.text('units.jsonl')).toBe(lines(0, 4));
  });

  it('finds appends by polling where fs.watch stays silent (network drives) or fails', async () => {
    for (const mode of ['silent', 'fails'] as const) {
      const runFs = runFolder();
      runFs.watchMode = mode;
      const { runs, dialog, replica, logs } = track(setup({ runFs, pollMs: 20 }));
      runs.start(await openRun(runs, dialog), 1);
      await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
      runFs.append(`${RUN}/metrics.jsonl`, line(3));
      await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(lines(0, 4)));
      if (mode === 'fails') expect(logs).toEqual(['run cnn: cannot watch the folder (ENOSPC); polling every 20 ms']);
    }
  });

  it('restarts a rotated file, and a truncated one', async () => {
    const { runs, dialog, replica, runFs } = track(setup());
    runs.start(await openRun(runs, dialog), 1);
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    // Rotation: a new file renamed over the old name (a new inode), already longer than what was read.
    runFs.write(`${RUN}/units.jsonl`, lines(500, 510));
    await waitFor(() => expect(replica.text('units.jsonl')).toBe(lines(500, 510)));
    runFs.truncate(`${RUN}/metrics.jsonl`, 0, line(900));
    await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(line(900)));
    expect(replica.of('restart').map((e) => e.reason)).toEqual([
      'units.jsonl was replaced by another file',
      expect.stringMatching(/^metrics\.jsonl shrank from \d+ to \d+ bytes/),
    ]);
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(3));
  });

  it('says when a file is deleted, and when the whole folder is', async () => {
    const { runs, dialog, replica, runFs } = track(setup());
    runs.start(await openRun(runs, dialog), 1);
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    runFs.remove(`${RUN}/units.jsonl`);
    await waitFor(() => expect(replica.of('missing')).toEqual([{ type: 'missing', file: 'units.jsonl', message: 'units.jsonl was deleted; what was read of it is kept' }]));
    runFs.removeDir(RUN);
    await waitFor(() => expect(replica.of('missing').map((e) => e.message)).toEqual([
      'units.jsonl was deleted; what was read of it is kept',
      'the run folder "cnn" is gone (deleted or moved); what was read of run.json is kept',
      'the run folder "cnn" is gone (deleted or moved); what was read of metrics.jsonl is kept',
    ]));
  });

  it('holds one chunk for a renderer that acknowledges late, and reads the next only after the acknowledgement', async () => {
    const runFs = runFolder(new MemoryRunFs(), 2000); // ~190 KB per record file
    const { runs, dialog, sent, replica, ackNext } = track(setup({ runFs, autoAck: false, chunkBytes: 4096 }));
    runs.start(await openRun(runs, dialog), 1);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.event.type).toBe('info');
    ackNext();
    await waitFor(() => expect(sent).toHaveLength(2));
    // The renderer is busy: polls and watch events come and go, and main reads nothing more.
    runFs.append(`${RUN}/metrics.jsonl`, line(2000));
    await new Promise((r) => setTimeout(r, 200));
    expect(sent).toHaveLength(2);
    const recordReads = () => runFs.reads.filter((r) => !r.path.endsWith('run.json') && r.length > 64);
    expect(recordReads()).toHaveLength(1);
    expect(recordReads()[0]!.length).toBe(4096);
    // Each acknowledgement lets exactly one more chunk through.
    for (let i = 3; i <= 12; i++) {
      ackNext();
      await waitFor(() => expect(sent).toHaveLength(i));
      expect(recordReads()).toHaveLength(i - 1);
    }
    expect(Math.max(...sent.map((m) => (m.event.type === 'bytes' ? m.event.bytes.length : 0)))).toBe(4096);
    expect(replica.of('bytes').every((e, i, all) => i === 0 || e.file !== all[i - 1]!.file || e.offset > all[i - 1]!.offset)).toBe(true);
  });

  it('stops watching and polling when the renderer stops the run; a new start reads from the beginning', async () => {
    const { runs, dialog, replica, runFs, sent } = track(setup());
    const runId = await openRun(runs, dialog);
    runs.start(runId, 1);
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    expect(runFs.watching).toBe(1);
    runs.stop(runId, 1);
    expect(runs.following).toBe(0);
    expect(runFs.watching).toBe(0);
    const reads = runFs.reads.length;
    const count = sent.length;
    runFs.append(`${RUN}/metrics.jsonl`, line(3));
    await new Promise((r) => setTimeout(r, 100));
    expect(runFs.reads.length).toBe(reads);
    expect(sent.length).toBe(count);

    runs.start(runId, 2);
    await waitFor(() => expect(sent.filter((m) => m.stream === 2 && m.event.type === 'caughtUp')).toHaveLength(1));
    expect(sent.find((m) => m.stream === 2)!.event).toEqual({ type: 'info', text: RUN_JSON });
  });

  it('ignores acknowledgements of another stream or another event', async () => {
    const { runs, dialog, sent } = track(setup({ autoAck: false }));
    const runId = await openRun(runs, dialog);
    runs.start(runId, 7);
    await waitFor(() => expect(sent).toHaveLength(1));
    runs.ack(runId, 6, 0);
    runs.ack(runId, 7, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(1);
    runs.ack(runId, 7, 0);
    await waitFor(() => expect(sent).toHaveLength(2));
  });

  it('forgets every run when the window goes', async () => {
    const { runs, dialog, runFs } = track(setup());
    const a = await openRun(runs, dialog);
    runs.start(a, 1);
    runs.start(await openRun(runs, dialog), 1);
    expect(runs.following).toBe(2);
    runs.closeAll();
    expect(runs.following).toBe(0);
    expect(runFs.watching).toBe(0);
    expect(() => runs.start(a, 2)).toThrow('This run is no longer open in this window: open it again');
  });

  it('remembers a bounded number of runs per window: the oldest stopped one goes first, a followed one never', async () => {
    const { runs, dialog } = track(setup());
    const first = await openRun(runs, dialog);
    runs.start(first, 1);
    const second = await openRun(runs, dialog);
    for (let i = 2; i < MAX_OPEN_RUNS; i++) await openRun(runs, dialog);
    await openRun(runs, dialog);
    expect(() => runs.start(second, 1)).toThrow('This run is no longer open in this window');
    expect(() => runs.start(first, 2)).not.toThrow();
  });
});
