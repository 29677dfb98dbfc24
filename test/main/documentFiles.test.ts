import { describe, expect, it } from 'vitest';
import { DocumentFiles, NotRecentError, PathNotGrantedError } from '../../src/main/documentFiles';
import { SettingsStore } from '../../src/main/settings';
import { FakeDialog, MemoryFs } from './fakes';

const experimentFilter = [{ name: 'ReLU Lab experiment', extensions: ['relu.json'] }];

function files() {
  const fs = new MemoryFs();
  const dialog = new FakeDialog();
  const settings = new SettingsStore('/cfg/settings.json', fs);
  const docs = new DocumentFiles({ dialog, fs, settings, window: () => 'the window' });
  return { fs, dialog, settings, docs };
}

describe('DocumentFiles', () => {
  it('openFile returns the text of the file the user picked and remembers it as recent', async () => {
    const { fs, dialog, settings, docs } = files();
    fs.files.set('/home/u/spiral.relu.json', '{"format":"relu-lab/experiment@1"}');
    dialog.openResult = { canceled: false, filePaths: ['/home/u/spiral.relu.json'] };
    expect(await docs.openFile({ title: 'Open an experiment', filters: experimentFilter })).toEqual({
      path: '/home/u/spiral.relu.json',
      name: 'spiral.relu.json',
      text: '{"format":"relu-lab/experiment@1"}',
    });
    expect(dialog.calls[0]!.options).toMatchObject({ title: 'Open an experiment', properties: ['openFile'] });
    expect(settings.get().recentFiles).toEqual(['/home/u/spiral.relu.json']);
  });

  it('openFile gives null when the dialog is cancelled', async () => {
    const { docs } = files();
    expect(await docs.openFile({ title: 'Open', filters: experimentFilter })).toBeNull();
  });

  it('Save As writes the bytes where the user chose, then Save may overwrite that file', async () => {
    const { fs, dialog, docs, settings } = files();
    dialog.saveResult = { canceled: false, filePath: '/home/u/new.relu.json' };
    expect(await docs.saveFile({ suggestedName: 'new.relu.json', filters: experimentFilter, data: 'v1' })).toEqual({ path: '/home/u/new.relu.json' });
    expect(dialog.calls[0]!.options).toMatchObject({ defaultPath: 'new.relu.json', filters: experimentFilter });
    expect(fs.files.get('/home/u/new.relu.json')).toBe('v1');
    await docs.saveFile({ path: '/home/u/new.relu.json', suggestedName: 'new.relu.json', filters: experimentFilter, data: 'v2' });
    expect(fs.files.get('/home/u/new.relu.json')).toBe('v2');
    expect(dialog.calls).toHaveLength(1);
    expect(settings.get().recentFiles).toEqual(['/home/u/new.relu.json']);
  });

  it('writes binary exports byte for byte and keeps them out of the recent list', async () => {
    const { fs, dialog, docs, settings } = files();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    dialog.saveResult = { canceled: false, filePath: '/home/u/chart.png' };
    await docs.saveFile({ suggestedName: 'chart.png', filters: [{ name: 'PNG', extensions: ['png'] }], data: png });
    expect(fs.files.get('/home/u/chart.png')).toEqual(png);
    expect(settings.get().recentFiles).toEqual([]);
  });

  it('saves atomically: the bytes go to a temp file in the same folder, flushed, then renamed over the document', async () => {
    const { fs, dialog, docs } = files();
    fs.files.set('/home/u/a.relu.json', 'old');
    dialog.openResult = { canceled: false, filePaths: ['/home/u/a.relu.json'] };
    await docs.openFile({ title: 'Open', filters: experimentFilter });
    expect(await docs.saveFile({ path: '/home/u/a.relu.json', suggestedName: 'a.relu.json', filters: experimentFilter, data: 'new' })).toEqual({ path: '/home/u/a.relu.json' });
    expect(fs.files.get('/home/u/a.relu.json')).toBe('new');
    const [temp, target] = fs.renames.find(([, to]) => to === '/home/u/a.relu.json')!;
    expect(temp).toMatch(/^\/home\/u\/\.a\.relu\.json\..+\.tmp$/);
    // The temp file is flushed while it exists (before the rename), then the folder so the rename itself lasts.
    expect(fs.synced.filter((p) => p.startsWith('/home/u'))).toEqual([temp, '/home/u']);
    expect(target).toBe('/home/u/a.relu.json');
    expect([...fs.files.keys()].filter((p) => p.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed save (a full disk) leaves the file as it was, no temp file behind, and says why', async () => {
    const { fs, dialog, docs } = files();
    fs.files.set('/home/u/a.relu.json', 'old');
    dialog.openResult = { canceled: false, filePaths: ['/home/u/a.relu.json'] };
    await docs.openFile({ title: 'Open', filters: experimentFilter });
    fs.failWrites = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const result = await docs.saveFile({ path: '/home/u/a.relu.json', suggestedName: 'a.relu.json', filters: experimentFilter, data: 'new' });
    expect(result).toEqual({ error: 'Could not save a.relu.json in /home/u: the disk is full (ENOSPC). The file there is unchanged.' });
    expect(fs.files.get('/home/u/a.relu.json')).toBe('old');
    expect([...fs.files.keys()].filter((p) => p.endsWith('.tmp'))).toEqual([]);
  });

  it('exports go the same atomic way, and a read-only folder is named as such', async () => {
    const { fs, dialog, docs } = files();
    dialog.saveResult = { canceled: false, filePath: '/media/cd/chart.png' };
    fs.failWrites = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    expect(await docs.saveFile({ suggestedName: 'chart.png', filters: [{ name: 'PNG', extensions: ['png'] }], data: new Uint8Array([1, 2, 3, 4]) }))
      .toEqual({ error: 'Could not save chart.png in /media/cd: the disk is read-only (EROFS). Nothing was written.' });
    expect(fs.files.has('/media/cd/chart.png')).toBe(false);
    fs.failWrites = null;
    dialog.saveResult = { canceled: false, filePath: '/home/u/chart.png' };
    await docs.saveFile({ suggestedName: 'chart.png', filters: [{ name: 'PNG', extensions: ['png'] }], data: new Uint8Array([1, 2, 3, 4]) });
    expect(fs.renames.map(([, to]) => to)).toContain('/home/u/chart.png');
  });

  it('refuses to write a path this window never opened or saved', async () => {
    const { fs, docs } = files();
    await expect(docs.saveFile({ path: '/home/u/.bashrc', suggestedName: 'x.relu.json', filters: experimentFilter, data: 'rm -rf' })).rejects.toThrow(PathNotGrantedError);
    expect(fs.files.has('/home/u/.bashrc')).toBe(false);
  });

  it('opens only files that are in the recent list, and forgets ones that vanished', async () => {
    const { fs, docs, settings } = files();
    await expect(docs.openRecent('/etc/shadow')).rejects.toThrow(NotRecentError);
    fs.files.set('/home/u/a.relu.json', 'A');
    await settings.addRecent('/home/u/a.relu.json');
    await settings.addRecent('/home/u/gone.relu.json');
    expect((await docs.openRecent('/home/u/a.relu.json'))?.text).toBe('A');
    expect(docs.isGranted('/home/u/a.relu.json')).toBe(true);
    await expect(docs.openRecent('/home/u/gone.relu.json')).rejects.toThrow(/could not open \/home\/u\/gone.relu.json/);
    expect(settings.get().recentFiles).toEqual(['/home/u/a.relu.json']);
  });
});
