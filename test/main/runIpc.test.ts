/** Open Run… through the whole main process: IPC checks, the window's lifetime, and that no path reaches the renderer. */
import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../../src/preload/channels';
import type { RunEventMessage } from '../../src/preload/api';
import { createApp } from '../../src/main/app';
import { UntrustedSenderError } from '../../src/main/ipc';
import { RunReplica } from '../core/runReplica';
import { FakeBrowserWindow, fakeElectron, ipcEventFrom } from './fakes';

const SECRET = '/home/alice/secret-project';
const RUN = `${SECRET}/runs/cnn-lr0.5`;
const line = (step: number) => `{"step":${step},"epoch":null,"loss":0.5,"layers":[]}\n`;

async function started() {
  const electron = fakeElectron();
  const logs: string[] = [];
  electron.deps.log = (m) => logs.push(m);
  electron.runFs
    .write(`${RUN}/run.json`, '{"format":"relu-lab/rundir@1","name":"cnn-lr0.5"}')
    .write(`${RUN}/units.jsonl`, line(0))
    .write(`${RUN}/metrics.jsonl`, line(0));
  const app = createApp(electron.deps);
  electron.app.becomeReady();
  await app.ready;
  const window = FakeBrowserWindow.created[0]!;
  const fromApp = ipcEventFrom(window.webContents, 'app://relu-lab/index.html');
  const runEvents = () => window.webContents.sent.filter((m) => m.channel === IPC.runEvent).map((m) => m.args[0] as RunEventMessage);
  return { ...electron, window, fromApp, logs, runEvents };
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

describe('Open Run over IPC', () => {
  it('opens, follows and acknowledges a run the way the preload does', async () => {
    const { ipcMain, fromApp, dialog, runEvents, runFs, window } = await started();
    dialog.openResult = { canceled: false, filePaths: [RUN] };
    const opened = (await ipcMain.invoke(fromApp, IPC.openRunFolder)) as { runId: string; label: string };
    expect(opened.label).toBe('cnn-lr0.5');
    const replica = new RunReplica();
    let acked = 0;
    const ackAll = () => {
      for (const m of runEvents().slice(acked)) {
        replica.take(m.event);
        ipcMain.send(fromApp, IPC.runAck, { runId: m.runId, stream: m.stream, seq: m.seq });
        acked++;
      }
    };
    ipcMain.send(fromApp, IPC.runStart, { runId: opened.runId, stream: 1 });
    await waitFor(() => {
      ackAll();
      expect(replica.of('caughtUp')).toHaveLength(1);
    });
    runFs.append(`${RUN}/metrics.jsonl`, line(1));
    await waitFor(() => {
      ackAll();
      expect(replica.text('metrics.jsonl')).toBe(line(0) + line(1));
    });
    expect(runFs.watching).toBe(1);
    window.close();
    expect(runFs.watching).toBe(0);
  });

  it('stops following when the page reloads', async () => {
    const { ipcMain, fromApp, dialog, runFs, window } = await started();
    dialog.openResult = { canceled: false, filePaths: [RUN] };
    const { runId } = (await ipcMain.invoke(fromApp, IPC.openRunFolder)) as { runId: string };
    ipcMain.send(fromApp, IPC.runStart, { runId, stream: 1 });
    expect(runFs.watching).toBe(1);
    window.webContents.emit('did-navigate', {}, 'app://relu-lab/index.html');
    expect(runFs.watching).toBe(0);
  });

  it('checks the sender and validates every message, naming the field', async () => {
    const { ipcMain, fromApp, window, logs, runFs } = await started();
    const foreign = ipcEventFrom(window.webContents, 'https://evil.example/');
    await expect(ipcMain.invoke(foreign, IPC.openRunFolder)).rejects.toThrow(UntrustedSenderError);
    await expect(ipcMain.invoke(foreign, IPC.openDroppedRun, [RUN])).rejects.toThrow(UntrustedSenderError);
    await expect(ipcMain.invoke(fromApp, IPC.openDroppedRun, ['runs/cnn'])).rejects.toThrow('openDroppedRun[0]: expected an absolute path (a file dropped from disk)');
    await expect(ipcMain.invoke(fromApp, IPC.openDroppedRun, RUN)).rejects.toThrow('openDroppedRun: expected an array of 1 to 64 paths');
    await expect(ipcMain.invoke(fromApp, IPC.openDroppedRun, [])).rejects.toThrow('openDroppedRun: expected an array of 1 to 64 paths');

    ipcMain.send(fromApp, IPC.runStart, { runId: '../../etc', stream: 1 });
    ipcMain.send(fromApp, IPC.runStart, { runId: '00000000-0000-4000-8000-000000000000', stream: 1 });
    ipcMain.send(fromApp, IPC.runAck, { runId: '00000000-0000-4000-8000-000000000000', stream: 1, seq: -1 });
    ipcMain.send(fromApp, IPC.runStop, { runId: '00000000-0000-4000-8000-000000000000', stream: 1, path: RUN });
    ipcMain.send(foreign, IPC.runStart, { runId: '00000000-0000-4000-8000-000000000000', stream: 1 });
    expect(logs).toEqual([
      'runStart.runId: expected a run id given by main',
      'This run is no longer open in this window: open it again',
      'runAck.seq: expected a non-negative integer',
      'runStop.path: expected no such field (allowed: runId, stream)',
      expect.stringMatching(/^refused relu-lab:run-start: the request came from https:\/\/evil\.example\//),
    ]);
    expect(runFs.watching).toBe(0);
  });

  it('never sends the renderer a path: not in ids, names, events, messages or refusals', async () => {
    const { ipcMain, fromApp, dialog, runEvents, runFs } = await started();
    const answers: unknown[] = [];
    const ask = async (channel: string, ...args: unknown[]) => {
      try {
        answers.push(await ipcMain.invoke(fromApp, channel, ...args));
      } catch (e) {
        answers.push((e as Error).message);
      }
    };
    dialog.openResult = { canceled: false, filePaths: [RUN] };
    await ask(IPC.openRunFolder);
    await ask(IPC.openDroppedRun, [`${RUN}/run.json`, `${RUN}/units.jsonl`]);
    runFs.write(`${SECRET}/notes.txt`, 'notes');
    await ask(IPC.openDroppedRun, [`${SECRET}/notes.txt`]);
    await ask(IPC.openDroppedRun, [`${SECRET}/missing-folder`]);
    runFs.write(`${SECRET}/other.json`, '{"format":"x"}');
    await ask(IPC.openDroppedRun, [`${SECRET}/other.json`]);
    runFs.denied.add(`${SECRET}/denied.json`);
    await ask(IPC.openDroppedRun, [`${SECRET}/denied.json`]);
    runFs.mkdir(`${SECRET}/runs/mlp`);
    await ask(IPC.openDroppedRun, [RUN, `${SECRET}/runs/mlp`]);

    const { runId } = answers[0] as { runId: string };
    let acked = 0;
    const ackAll = () => {
      for (const m of runEvents().slice(acked)) {
        ipcMain.send(fromApp, IPC.runAck, { runId: m.runId, stream: m.stream, seq: m.seq });
        acked++;
      }
    };
    const types = () => runEvents().map((m) => m.event.type);
    ipcMain.send(fromApp, IPC.runStart, { runId, stream: 1 });
    // Everything a run can go through: appends, a rotation, an unreadable file, a deletion, the folder going.
    await waitFor(() => (ackAll(), expect(types()).toContain('caughtUp')));
    runFs.write(`${RUN}/metrics.jsonl`, line(5) + line(6));
    await waitFor(() => (ackAll(), expect(types()).toContain('restart')));
    runFs.denied.add(`${RUN}/units.jsonl`);
    await waitFor(() => (ackAll(), expect(types().filter((t) => t === 'missing')).toHaveLength(1)));
    runFs.denied.delete(`${RUN}/units.jsonl`);
    runFs.remove(`${RUN}/units.jsonl`);
    await waitFor(() => (ackAll(), expect(types().filter((t) => t === 'missing')).toHaveLength(2)));
    runFs.removeDir(RUN);
    await waitFor(() => (ackAll(), expect(types().filter((t) => t === 'missing')).toHaveLength(4)));

    const everything = JSON.stringify([answers, runEvents()], (_key, value) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value));
    expect(everything).toContain('cnn-lr0.5');
    expect(everything).toContain('denied.json');
    expect(everything).not.toContain('/home/alice');
    expect(everything).not.toContain('secret-project');
    expect(answers.slice(2)).toEqual([
      'notes.txt is not a run: open a run folder (run.json, metrics.jsonl, units.jsonl) or a run exported as JSON',
      'Cannot open missing-folder: not found (ENOENT)',
      'other.json is not a run exported by ReLU Lab (its start does not say "format": "relu-lab/run@1")',
      'Cannot open denied.json: permission denied (EACCES)',
      'Drop one run at a time: 2 items were dropped (cnn-lr0.5, mlp)',
    ]);
  });
});
