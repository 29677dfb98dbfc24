/**
 * The application menu as a plain template (tested without Electron). Items
 * that act on the document send a MenuCommand to the renderer, which owns it;
 * accelerators follow each platform's conventions.
 */
import { basename } from 'node:path';
import type { MenuCommand } from '../preload/api';
import type { FsLike } from './electronApi';

export interface PresetItem {
  id: string;
  title: string;
}

export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'checkbox' | 'radio' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItem[];
  click?: () => void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  recentFiles: string[];
  presets: PresetItem[];
  theme: 'dark' | 'light';
  send(command: MenuCommand): void;
  setTheme(theme: 'dark' | 'light'): void;
  clearRecent(): void;
  showAbout(): void;
  toggleDevTools(): void;
  quit(): void;
}

/** Lists presets from presets/index.json, or the *.relu.json files when there is no index. */
export async function listPresets(folder: string, fs: Pick<FsLike, 'readFile' | 'readdir'>): Promise<PresetItem[]> {
  try {
    const index = JSON.parse(await fs.readFile(`${folder}/index.json`, 'utf8')) as { presets?: unknown };
    if (Array.isArray(index.presets)) {
      return index.presets
        .filter((p): p is PresetItem => !!p && typeof p === 'object' && typeof (p as PresetItem).id === 'string' && typeof (p as PresetItem).title === 'string')
        .map(({ id, title }) => ({ id, title }));
    }
  } catch {
    // No usable index: fall back to the file names.
  }
  try {
    return (await fs.readdir(folder))
      .filter((name) => name.endsWith('.relu.json'))
      .sort()
      .map((name) => {
        const id = name.slice(0, -'.relu.json'.length);
        return { id, title: id };
      });
  } catch {
    return [];
  }
}

const command = (label: string, send: MenuContext['send'], c: MenuCommand, accelerator?: string): MenuItem =>
  accelerator ? { label, accelerator, click: () => send(c) } : { label, click: () => send(c) };

const separator: MenuItem = { type: 'separator' };

export function buildMenuTemplate(ctx: MenuContext): MenuItem[] {
  const mac = ctx.platform === 'darwin';
  const { send } = ctx;

  const recent: MenuItem[] = ctx.recentFiles.length
    ? [
        ...ctx.recentFiles.map((path) => ({ label: basename(path), click: () => send({ kind: 'open-recent', path }) })),
        separator,
        { label: 'Clear Recent', click: ctx.clearRecent },
      ]
    : [{ label: 'No Recent Files', enabled: false }];

  const presets: MenuItem[] = ctx.presets.length
    ? ctx.presets.map((p) => ({ label: p.title, click: () => send({ kind: 'new-from-preset', preset: p.id }) }))
    : [{ label: 'No Presets', enabled: false }];

  const file: MenuItem = {
    label: 'File',
    submenu: [
      command('New', send, 'new', 'CmdOrCtrl+N'),
      { label: 'New from Preset', submenu: presets },
      command('Open…', send, 'open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      command('Open Run…', send, 'open-run', 'CmdOrCtrl+Shift+O'),
      separator,
      command('Save', send, 'save', 'CmdOrCtrl+S'),
      command('Save As…', send, 'save-as', 'CmdOrCtrl+Shift+S'),
      separator,
      {
        label: 'Export',
        submenu: [
          command('Charts as PNG…', send, 'export-png'),
          command('Charts as SVG…', send, 'export-svg'),
          command('Metrics as CSV…', send, 'export-csv'),
          command('Run as JSON…', send, 'export-run-json'),
          command('HTML Report…', send, 'export-report'),
          command('Weights…', send, 'export-weights'),
        ],
      },
      command('Import Weights…', send, 'import-weights'),
      ...(mac ? [] : [separator, { label: 'Quit', accelerator: 'Ctrl+Q', click: ctx.quit }]),
    ],
  };

  const edit: MenuItem = {
    label: 'Edit',
    submenu: [
      command('Undo', send, 'undo', 'CmdOrCtrl+Z'),
      command('Redo', send, 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItem = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { label: 'Dark Theme', type: 'radio', checked: ctx.theme === 'dark', click: () => ctx.setTheme('dark') },
      { label: 'Light Theme', type: 'radio', checked: ctx.theme === 'light', click: () => ctx.setTheme('light') },
      separator,
      { role: 'togglefullscreen' },
      ...(ctx.isPackaged ? [] : [separator, { label: 'Toggle Developer Tools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I', click: ctx.toggleDevTools }]),
    ],
  };

  // Space toggles training inside the page; the menu's accelerators must not steal keys from text fields.
  const run: MenuItem = {
    label: 'Run',
    submenu: [
      command('Train / Pause', send, 'train-toggle', 'CmdOrCtrl+Enter'),
      command('Step', send, 'step', 'CmdOrCtrl+.'),
      command('Reset', send, 'reset', 'CmdOrCtrl+Shift+R'),
    ],
  };

  const help: MenuItem = {
    label: 'Help',
    submenu: [
      // The lessons are the app's guide to what ReLU does; no web page stands behind the app.
      command('Lessons…', send, 'lessons'),
      ...(mac ? [] : [separator, { label: `About ${ctx.appName}`, click: ctx.showAbout }]),
    ],
  };

  const appMenu: MenuItem[] = mac
    ? [{
        label: ctx.appName,
        submenu: [
          { label: `About ${ctx.appName}`, click: ctx.showAbout },
          separator,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { label: `Quit ${ctx.appName}`, accelerator: 'Cmd+Q', click: ctx.quit },
        ],
      }]
    : [];

  return [...appMenu, file, edit, view, run, help];
}
