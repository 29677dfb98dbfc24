import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../src/preload/api';
import { buildMenuTemplate, listPresets, type MenuContext, type MenuItem } from '../../src/main/menu';
import { MemoryFs } from './fakes';

function menu(overrides: Partial<MenuContext> = {}) {
  const sent: MenuCommand[] = [];
  const events: string[] = [];
  const template = buildMenuTemplate({
    platform: 'linux',
    isPackaged: false,
    appName: 'ReLU Lab',
    recentFiles: ['/home/u/spiral.relu.json'],
    presets: [{ id: 'dying-bias', title: 'The dying ReLU — bias −100' }],
    theme: 'dark',
    send: (c) => sent.push(c),
    setTheme: (t) => events.push(`theme:${t}`),
    clearRecent: () => events.push('clear-recent'),
    showAbout: () => events.push('about'),
    toggleDevTools: () => events.push('devtools'),
    quit: () => events.push('quit'),
    ...overrides,
  });
  return { template, sent, events };
}

function find(items: MenuItem[], ...labels: string[]): MenuItem {
  let item: MenuItem | undefined;
  let list = items;
  for (const label of labels) {
    item = list.find((i) => i.label === label);
    if (!item) throw new Error(`no menu item ${labels.join(' ▸ ')} (stuck at ${label})`);
    list = item.submenu ?? [];
  }
  return item!;
}

describe('application menu', () => {
  it('has File, Edit, View, Run and Help', () => {
    expect(menu().template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    expect(menu({ platform: 'darwin' }).template.map((m) => m.label)).toEqual(['ReLU Lab', 'File', 'Edit', 'View', 'Run', 'Help']);
  });

  it('sends document commands to the renderer with the usual shortcuts', () => {
    const { template, sent } = menu();
    const expected: Array<[string[], string | undefined, MenuCommand]> = [
      [['File', 'New'], 'CmdOrCtrl+N', 'new'],
      [['File', 'Open…'], 'CmdOrCtrl+O', 'open'],
      [['File', 'Open Run…'], 'CmdOrCtrl+Shift+O', 'open-run'],
      [['File', 'Save'], 'CmdOrCtrl+S', 'save'],
      [['File', 'Save As…'], 'CmdOrCtrl+Shift+S', 'save-as'],
      [['File', 'Export', 'Charts as PNG…'], undefined, 'export-png'],
      [['File', 'Export', 'Charts as SVG…'], undefined, 'export-svg'],
      [['File', 'Export', 'Metrics as CSV…'], undefined, 'export-csv'],
      [['File', 'Export', 'Run as JSON…'], undefined, 'export-run-json'],
      [['File', 'Export', 'HTML Report…'], undefined, 'export-report'],
      [['File', 'Export', 'Weights…'], undefined, 'export-weights'],
      [['File', 'Import Weights…'], undefined, 'import-weights'],
      [['Edit', 'Undo'], 'CmdOrCtrl+Z', 'undo'],
      [['Edit', 'Redo'], 'Ctrl+Y', 'redo'],
      [['Run', 'Train / Pause'], 'CmdOrCtrl+Enter', 'train-toggle'],
      [['Run', 'Step'], 'CmdOrCtrl+.', 'step'],
      [['Run', 'Reset'], 'CmdOrCtrl+Shift+R', 'reset'],
    ];
    for (const [path, accelerator, command] of expected) {
      const item = find(template, ...path);
      expect(item.accelerator, path.join(' ▸ ')).toBe(accelerator);
      item.click!();
      expect(sent.at(-1)).toEqual(command);
    }
  });

  it('gives no two items one shortcut', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const all: string[] = [];
      const walk = (items: MenuItem[]) => items.forEach((i) => (i.accelerator && all.push(i.accelerator), i.submenu && walk(i.submenu)));
      walk(menu({ platform }).template);
      expect(all.length).toBeGreaterThan(10);
      expect(new Set(all).size, platform).toBe(all.length);
    }
  });

  it('lists recent files and presets, which open through the renderer', () => {
    const { template, sent, events } = menu();
    find(template, 'File', 'Open Recent', 'spiral.relu.json').click!();
    find(template, 'File', 'New from Preset', 'The dying ReLU — bias −100').click!();
    find(template, 'File', 'Open Recent', 'Clear Recent').click!();
    expect(sent).toEqual([{ kind: 'open-recent', path: '/home/u/spiral.relu.json' }, { kind: 'new-from-preset', preset: 'dying-bias' }]);
    expect(events).toEqual(['clear-recent']);
    const empty = menu({ recentFiles: [], presets: [] }).template;
    expect(find(empty, 'File', 'Open Recent').submenu).toEqual([{ label: 'No Recent Files', enabled: false }]);
    expect(find(empty, 'File', 'New from Preset').submenu).toEqual([{ label: 'No Presets', enabled: false }]);
  });

  it('uses roles for clipboard and zoom, radio items for the theme', () => {
    const { template, events } = menu();
    const roles = (label: string) => find(template, label).submenu!.map((i) => i.role).filter(Boolean);
    expect(roles('Edit')).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));
    expect(roles('View')).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    expect(find(template, 'View', 'Dark Theme')).toMatchObject({ type: 'radio', checked: true });
    find(template, 'View', 'Light Theme').click!();
    expect(events).toEqual(['theme:light']);
  });

  it('offers developer tools only in development', () => {
    expect(() => find(menu().template, 'View', 'Toggle Developer Tools')).not.toThrow();
    expect(() => find(menu({ isPackaged: true }).template, 'View', 'Toggle Developer Tools')).toThrow(/no menu item/);
  });

  it('has Quit on Linux and Windows, and the lessons and About in Help', () => {
    const { template, sent, events } = menu();
    expect(find(template, 'File', 'Quit').accelerator).toBe('Ctrl+Q');
    find(template, 'Help', 'Lessons…').click!();
    find(template, 'Help', 'About ReLU Lab').click!();
    expect(sent).toEqual(['lessons']);
    expect(events).toEqual(['about']);
  });

  it('follows macOS conventions there', () => {
    const { template } = menu({ platform: 'darwin' });
    expect(find(template, 'Edit', 'Redo').accelerator).toBe('Cmd+Shift+Z');
    expect(find(template, 'ReLU Lab', 'Quit ReLU Lab').accelerator).toBe('Cmd+Q');
    expect(() => find(template, 'File', 'Quit')).toThrow();
  });
});

describe('listPresets', () => {
  it('reads titles from presets/index.json', async () => {
    const fs = new MemoryFs();
    fs.files.set('/app/presets/index.json', JSON.stringify({ format: 'relu-lab/presets@1', presets: [{ id: 'a', title: 'A', file: 'a.relu.json' }] }));
    expect(await listPresets('/app/presets', fs)).toEqual([{ id: 'a', title: 'A' }]);
  });

  it('falls back to the experiment files, and to nothing without a folder', async () => {
    const fs = new MemoryFs();
    fs.files.set('/app/presets/b.relu.json', '{}');
    fs.files.set('/app/presets/a.relu.json', '{}');
    fs.files.set('/app/presets/readme.txt', '');
    expect(await listPresets('/app/presets', fs)).toEqual([{ id: 'a', title: 'a' }, { id: 'b', title: 'b' }]);
    expect(await listPresets('/nowhere', fs)).toEqual([]);
  });

  it('lists the presets shipped in the repository', async () => {
    const fs = await import('node:fs/promises');
    const presets = await listPresets(new URL('../../presets', import.meta.url).pathname, fs);
    expect(presets.length).toBeGreaterThan(0);
    expect(presets.map((p) => p.id)).toContain('dying-bias');
  });
});
