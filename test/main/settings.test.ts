import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT_FILES, SettingsStore, defaultSettings, parseSettings } from '../../src/main/settings';
import { MemoryFs } from './fakes';

describe('SettingsStore', () => {
  it('persists bounds, recent files and theme between starts (real files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-settings-'));
    const first = SettingsStore.inFolder(dir, fs);
    await first.load();
    await first.update({ bounds: { x: 10, y: 20, width: 1300, height: 850 }, maximized: true, theme: 'light' });
    await first.addRecent('/home/u/a.relu.json');

    const second = SettingsStore.inFolder(dir, fs);
    expect(await second.load()).toEqual({
      bounds: { x: 10, y: 20, width: 1300, height: 850 },
      maximized: true,
      recentFiles: ['/home/u/a.relu.json'],
      theme: 'light',
    });
    expect(readdirSync(dir)).toEqual(['settings.json']); // no temp files left behind
  });

  it('writes through a temp file and a rename', async () => {
    const memory = new MemoryFs();
    const store = new SettingsStore('/cfg/settings.json', memory);
    await store.update({ theme: 'light' });
    expect(memory.renames).toHaveLength(1);
    expect(memory.renames[0]![1]).toBe('/cfg/settings.json');
    expect(JSON.parse(String(memory.files.get('/cfg/settings.json'))).theme).toBe('light');
  });

  it('starts from defaults when the file is missing or corrupt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-settings-'));
    expect(await SettingsStore.inFolder(dir, fs).load()).toEqual(defaultSettings());
    writeFileSync(join(dir, 'settings.json'), '{"theme": "light", "recentFi');
    const store = SettingsStore.inFolder(dir, fs);
    expect(await store.load()).toEqual(defaultSettings());
    await store.addRecent('/x.relu.json');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).recentFiles).toEqual(['/x.relu.json']);
  });

  it('keeps the most recent ten files, newest first, without duplicates', async () => {
    const store = new SettingsStore('/cfg/settings.json', new MemoryFs());
    for (let i = 0; i < 12; i++) await store.addRecent(`/f${i}.relu.json`);
    await store.addRecent('/f5.relu.json');
    const recent = store.get().recentFiles;
    expect(recent).toHaveLength(MAX_RECENT_FILES);
    expect(recent[0]).toBe('/f5.relu.json');
    expect(recent[1]).toBe('/f11.relu.json');
    expect(new Set(recent).size).toBe(recent.length);
  });
});

describe('parseSettings', () => {
  it('keeps the valid fields of a partly wrong file', () => {
    expect(parseSettings(JSON.stringify({ theme: 'purple', recentFiles: ['/a', 3, '', '/a', '/b'], bounds: { x: 0, y: 0, width: 'wide' } }))).toEqual({
      ...defaultSettings(),
      recentFiles: ['/a', '/b'],
    });
    expect(parseSettings('[1,2]')).toEqual(defaultSettings());
    expect(parseSettings('null')).toEqual(defaultSettings());
  });

  it('drops bounds too small to use', () => {
    expect(parseSettings(JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 } })).bounds).toBeNull();
  });
});
