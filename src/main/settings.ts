/**
 * What persists between starts: window bounds, recent files, theme — one JSON
 * file in userData, written atomically (writeFileAtomic) so a crash mid-write
 * never leaves half a file. A missing or corrupt file means defaults.
 */
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../node/atomicWrite';
import type { FsLike, Rectangle } from './electronApi';

export const MAX_RECENT_FILES = 10;
export const SETTINGS_FILE = 'settings.json';

export interface Settings {
  bounds: Rectangle | null;
  maximized: boolean;
  recentFiles: string[];
  theme: 'dark' | 'light';
}

export function defaultSettings(): Settings {
  return { bounds: null, maximized: false, recentFiles: [], theme: 'dark' };
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readBounds(v: unknown): Rectangle | null {
  if (!v || typeof v !== 'object') return null;
  const b = v as Record<string, unknown>;
  if (![b.x, b.y, b.width, b.height].every(isFiniteNumber)) return null;
  if ((b.width as number) < 200 || (b.height as number) < 150) return null;
  return { x: b.x as number, y: b.y as number, width: b.width as number, height: b.height as number };
}

/** Keeps what is valid field by field: one bad field does not cost the others. */
export function parseSettings(text: string): Settings {
  const settings = defaultSettings();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return settings;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return settings;
  const r = raw as Record<string, unknown>;
  settings.bounds = readBounds(r.bounds);
  settings.maximized = r.maximized === true;
  if (Array.isArray(r.recentFiles)) {
    settings.recentFiles = [...new Set(r.recentFiles.filter((p): p is string => typeof p === 'string' && p.length > 0))].slice(0, MAX_RECENT_FILES);
  }
  if (r.theme === 'light' || r.theme === 'dark') settings.theme = r.theme;
  return settings;
}

type SettingsFs = Pick<FsLike, 'readFile' | 'mkdir' | 'open' | 'rename' | 'unlink' | 'stat' | 'realpath'>;

export class SettingsStore {
  private settings = defaultSettings();
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners: Array<(s: Settings) => void> = [];

  constructor(
    private readonly file: string,
    private readonly fs: SettingsFs,
    private readonly log: (m: string) => void = () => {},
  ) {}

  static inFolder(userData: string, fs: SettingsFs, log?: (m: string) => void): SettingsStore {
    return new SettingsStore(join(userData, SETTINGS_FILE), fs, log);
  }

  async load(): Promise<Settings> {
    try {
      this.settings = parseSettings(await this.fs.readFile(this.file, 'utf8'));
    } catch {
      this.settings = defaultSettings();
    }
    return this.get();
  }

  get(): Settings {
    return { ...this.settings, recentFiles: [...this.settings.recentFiles] };
  }

  onChange(listener: (s: Settings) => void): void {
    this.listeners.push(listener);
  }

  update(patch: Partial<Settings>): Promise<void> {
    this.settings = { ...this.settings, ...patch };
    for (const l of this.listeners) l(this.get());
    return this.save();
  }

  addRecent(path: string): Promise<void> {
    const recent = [path, ...this.settings.recentFiles.filter((p) => p !== path)].slice(0, MAX_RECENT_FILES);
    return this.update({ recentFiles: recent });
  }

  removeRecent(path: string): Promise<void> {
    return this.update({ recentFiles: this.settings.recentFiles.filter((p) => p !== path) });
  }

  /** Writes one after another, each the latest state, so an older write never lands last. */
  save(): Promise<void> {
    this.writing = this.writing.then(() => this.writeNow()).catch((e: unknown) => {
      this.log(`could not save settings to ${this.file}: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.writing;
  }

  private async writeNow(): Promise<void> {
    await this.fs.mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.fs, this.file, `${JSON.stringify(this.settings, null, 2)}\n`);
  }
}
