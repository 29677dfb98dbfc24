/** writeFileAtomic on the real file system (main and the CLI write through it). */
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFailureReason, writeFileAtomic } from '../../src/node/atomicWrite';

const scratch = () => mkdtempSync(join(tmpdir(), 'relu-lab-atomic-'));

describe('writeFileAtomic', () => {
  it('replaces a file whole, keeps its permissions and leaves no temp file', async () => {
    const dir = scratch();
    const file = join(dir, 'a.relu.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await writeFileAtomic(fs, file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.relu.json']);
  });

  it('writes bytes, and writes through a symlink to the file it names', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'real.png'), 'old');
    symlinkSync(join(dir, 'real.png'), join(dir, 'link.png'));
    await writeFileAtomic(fs, join(dir, 'link.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect([...readFileSync(join(dir, 'real.png'))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(lstatSync(join(dir, 'link.png')).isSymbolicLink()).toBe(true);
  });

  it('fails without touching anything where the folder is gone, and says why', async () => {
    const dir = scratch();
    const error = await writeFileAtomic(fs, join(dir, 'missing', 'a.json'), 'x').catch((e: unknown) => e);
    expect(writeFailureReason(error)).toBe('the folder does not exist (any more) (ENOENT)');
    expect(readdirSync(dir)).toEqual([]);
  });
});
