/**
 * The data file an experiment names (`data.path`), read by main for the
 * renderer: relative to the experiment's folder; only inside that folder or
 * where the user picked a file in a dialog; anything else is the user's to
 * locate, in a dialog that says which file the experiment wants.
 */
import { describe, expect, it } from 'vitest';
import { DocumentFiles } from '../../src/main/documentFiles';
import { SettingsStore } from '../../src/main/settings';
import { FakeDialog, MemoryFs } from './fakes';

const EXPERIMENT = '/home/u/exp/iris.relu.json';
const CSV = 'a,b,label\n0,1,x\n';

function files() {
  const fs = new MemoryFs();
  const dialog = new FakeDialog();
  const settings = new SettingsStore('/cfg/settings.json', fs);
  const docs = new DocumentFiles({ dialog, fs, settings, window: () => 'the window' });
  fs.files.set(EXPERIMENT, '{}');
  fs.files.set('/home/u/exp/data/iris.csv', CSV);
  fs.files.set('/home/u/elsewhere/moved.csv', 'c,label\n1,y\n');
  fs.files.set('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n');
  return { fs, dialog, docs };
}

/** The user opens the experiment through the Open dialog: this window may then read next to it. */
async function opened(t: ReturnType<typeof files>): Promise<void> {
  t.dialog.openResult = { canceled: false, filePaths: [EXPERIMENT] };
  await t.docs.openFile({ title: 'Open', filters: [] });
  t.dialog.calls.length = 0;
}

const messages = (dialog: FakeDialog) => dialog.calls.filter((c) => c.kind === 'message').map((c) => c.options);

describe('reading the data file an experiment names', () => {
  it("reads a relative path against the experiment's folder, without asking", async () => {
    const t = files();
    await opened(t);
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: 'data/iris.csv' })).toEqual({ text: CSV });
    expect(t.dialog.calls).toEqual([]);
    // Through any detour that stays inside, and as an absolute path inside.
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: './data/../data/iris.csv' })).toEqual({ text: CSV });
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: '/home/u/exp/data/iris.csv' })).toEqual({ text: CSV });
  });

  it('never reads outside the folder: asks the user to locate the file, naming it, and reads nothing on Cancel', async () => {
    const t = files();
    await opened(t);
    t.dialog.messageBoxResponse = 1;
    for (const file of ['../../../etc/passwd', '/etc/passwd']) {
      expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file })).toBeNull();
    }
    expect(t.fs.reads).not.toContain('/etc/passwd');
    const [ask] = messages(t.dialog);
    expect(ask.message).toBe('Where is the data file "passwd"?');
    expect(ask.detail).toContain('iris.relu.json reads its data from "../../../etc/passwd"');
    expect(ask.detail).toContain("outside the experiment's folder");
    expect(ask.buttons).toEqual(['Locate…', 'Cancel']);
    expect(t.dialog.calls.filter((c) => c.kind === 'open')).toEqual([]);
  });

  it('treats a symlink in the folder that leads out of it as outside', async () => {
    const t = files();
    await opened(t);
    t.fs.links.set('/home/u/exp/data/link.csv', '/etc/passwd');
    t.dialog.messageBoxResponse = 1;
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: 'data/link.csv' })).toBeNull();
    expect(t.fs.reads).toEqual([EXPERIMENT]);
  });

  it('lets the user locate the file: its text, and where it is now', async () => {
    const t = files();
    await opened(t);
    t.dialog.messageBoxResponse = 0;
    t.dialog.openResult = { canceled: false, filePaths: ['/home/u/elsewhere/moved.csv'] };
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: 'data/gone.csv' })).toEqual({ text: 'c,label\n1,y\n', located: '/home/u/elsewhere/moved.csv' });
    const [ask] = messages(t.dialog);
    expect(ask.message).toBe('Where is the data file "gone.csv"?');
    expect(ask.detail).toContain("There is no such file in the experiment's folder");
    const open = t.dialog.calls.find((c) => c.kind === 'open')!.options;
    expect(open).toMatchObject({ title: 'Locate the data file "gone.csv"', defaultPath: '/home/u/exp', properties: ['openFile'] });
    // Once picked, it is the user's file: read again without asking.
    t.dialog.calls.length = 0;
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: '/home/u/elsewhere/moved.csv' })).toEqual({ text: 'c,label\n1,y\n' });
    expect(t.dialog.calls).toEqual([]);
  });

  it('reads a file the user picked in a dialog before (a CSV opened in the Data panel), wherever it is', async () => {
    const t = files();
    t.dialog.openResult = { canceled: false, filePaths: ['/home/u/elsewhere/moved.csv'] };
    await t.docs.openFile({ title: 'Open a CSV data file', filters: [] });
    t.dialog.calls.length = 0;
    expect(await t.docs.readDataFile({ experiment: null, file: '/home/u/elsewhere/moved.csv' })).toEqual({ text: 'c,label\n1,y\n' });
    expect(t.dialog.calls).toEqual([]);
  });

  it('has no folder to read from for an experiment this window did not open from disk', async () => {
    const t = files();
    t.dialog.messageBoxResponse = 1;
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: 'data/iris.csv' })).toBeNull();
    expect(await t.docs.readDataFile({ experiment: null, file: 'data/iris.csv' })).toBeNull();
    expect(t.fs.reads).toEqual([]);
    expect(messages(t.dialog)[1].detail).toContain('The experiment did not come from a file');
  });

  it('shows what the experiment asks for without its control characters', async () => {
    const t = files();
    await opened(t);
    t.dialog.messageBoxResponse = 1;
    await t.docs.readDataFile({ experiment: EXPERIMENT, file: '/tmp/\u202egnp.csv\u001b[2J' });
    const [ask] = messages(t.dialog);
    expect(`${ask.message}${ask.detail}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(ask.detail).toContain('"/tmp/\\u202egnp.csv\\u001b[2J"');
  });

  it('refuses a file too large to be a data set, saying so', async () => {
    const t = files();
    await opened(t);
    t.fs.files.set('/home/u/exp/huge.csv', new Uint8Array(300 * 1024 * 1024));
    t.dialog.messageBoxResponse = 1;
    expect(await t.docs.readDataFile({ experiment: EXPERIMENT, file: 'huge.csv' })).toBeNull();
    expect(messages(t.dialog)[0].detail).toContain('300 MB; data files may be at most 256 MB');
    expect(t.fs.reads).not.toContain('/home/u/exp/huge.csv');
  });
});
