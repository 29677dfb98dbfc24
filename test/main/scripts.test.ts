/** The desktop scripts that run without Electron: finding the binary, and `npm start` when it is missing. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../scripts/electron-binary.mjs';

const root = new URL('../..', import.meta.url).pathname;

function fakeElectronPackage(options: { pathTxt?: string; binary?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'relu-lab-electron-'));
  if (options.pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), options.pathTxt);
  if (options.binary) {
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(join(dir, 'dist', 'electron'), 0o755);
  }
  return dir;
}

describe('electronBinaryPath', () => {
  it('finds the executable path.txt names', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron', binary: true });
    expect(electronBinaryPath(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('is null before the download (no path.txt) and after a partial one (no executable)', () => {
    expect(electronBinaryPath(fakeElectronPackage({}))).toBeNull();
    expect(electronBinaryPath(fakeElectronPackage({ pathTxt: 'electron' }))).toBeNull();
  });
});

describe('npm start without the Electron binary', () => {
  it('says what is missing and that the web app works, and exits 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'relu-lab-no-electron-'));
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the Electron binary is not installed');
    expect(result.stderr).toContain('npx install-electron');
    expect(result.stderr).toContain('npm run web');
  });
});
