/**
 * A save that main could not write (a read-only folder, a full disk) in the
 * desktop app: the user reads why, the document stays unsaved, and Save As
 * is one click away. Exports that fail say so too. The renderer runs here
 * against a stand-in for the preload's `window.reluLab`.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi, SaveFileResult } from '../../src/preload/api';

const saves: Array<Parameters<DesktopApi['saveFile']>[0]> = [];
let answers: SaveFileResult[] = [];
const api = {
  platform: 'electron',
  saveFile: async (options: Parameters<DesktopApi['saveFile']>[0]) => {
    saves.push(options);
    return answers.shift() ?? null;
  },
} as unknown as DesktopApi;

let documents: typeof import('../../src/renderer/documents/documentActions');
let store: typeof import('../../src/renderer/store');
let platform: typeof import('../../src/renderer/platform/current').platform;

beforeAll(async () => {
  vi.stubGlobal('window', { reluLab: api, confirm: () => true });
  documents = await import('../../src/renderer/documents/documentActions');
  store = await import('../../src/renderer/store');
  ({ platform } = await import('../../src/renderer/platform/current'));
});

beforeEach(() => {
  saves.length = 0;
  answers = [];
  const s = store.app.store;
  s.setState({ notices: [], filePath: '/home/u/a.relu.json', fileName: 'a.relu.json' });
  store.actions.markSaved('a.relu.json', '/home/u/a.relu.json');
  store.actions.edit((e) => ({ ...e, seed: e.seed + 1 }));
});

const state = () => store.app.store.getState();

describe('a failed save in the desktop app', () => {
  it('shows the reason, keeps the document unsaved, and offers Save As', async () => {
    const reason = 'Could not save a.relu.json in /home/u: you may not write there: the folder or the file is read-only (EACCES). The file there is unchanged.';
    answers = [{ error: reason }];
    await documents.saveDocument(false);
    expect(saves[0]!.path).toBe('/home/u/a.relu.json');
    expect(store.isDirty(state())).toBe(true);
    const notice = state().notices.at(-1)!;
    expect(notice).toMatchObject({ level: 'error', code: 'file', title: 'a.relu.json was not saved', actions: [{ id: 'save-as', label: 'Save As…' }] });
    expect(notice.message).toBe(`${reason} Your changes are still here, unsaved.`);

    answers = [{ path: '/home/u/b.relu.json' }];
    store.actions.answer(notice.id, 'save-as');
    await vi.waitFor(() => expect(saves).toHaveLength(2));
    expect(saves[1]!.path).toBeUndefined();
    await vi.waitFor(() => expect(store.isDirty(state())).toBe(false));
    expect(state().filePath).toBe('/home/u/b.relu.json');
  });

  it('a cancelled Save As is no failure: nothing is shown and the document stays unsaved', async () => {
    await documents.saveDocument(true);
    expect(state().notices).toEqual([]);
    expect(store.isDirty(state())).toBe(true);
  });

  it('an export that could not be written says why, and resolves as not saved', async () => {
    answers = [{ error: 'Could not save chart.png in /media/cd: the disk is read-only (EROFS). Nothing was written.' }];
    expect(await platform.saveBytes({ suggestedName: 'chart.png', mime: 'image/png', extensions: ['png'], data: new Uint8Array([1]) })).toBe(false);
    expect(state().notices.at(-1)).toMatchObject({ level: 'error', code: 'file', title: 'chart.png was not saved', message: 'Could not save chart.png in /media/cd: the disk is read-only (EROFS). Nothing was written.' });
  });
});
