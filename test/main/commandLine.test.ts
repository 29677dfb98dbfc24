/** `relu-lab serve …` given to the desktop app's executable: a server for browsers instead of a window. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServe, serveArguments } from '../../src/main/commandLine';

function io() {
  let out = '';
  let err = '';
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  return { io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t), stopped }, out: () => out, err: () => err, stop };
}

describe('the desktop executable as a command', () => {
  it('serves when its first argument is serve (after the app folder in development)', () => {
    expect(serveArguments(['/opt/ReLU Lab/relu-lab', 'serve', '--logdir', 'runs'], true)).toEqual(['serve', '--logdir', 'runs']);
    expect(serveArguments(['/usr/bin/electron', '.', 'serve', '--logdir', 'runs'], false)).toEqual(['serve', '--logdir', 'runs']);
    expect(serveArguments(['/opt/ReLU Lab/relu-lab'], true)).toBeNull();
    expect(serveArguments(['/opt/ReLU Lab/relu-lab', 'experiment.relu.json'], true)).toBeNull();
  });

  it('refuses bad options with exit 2, naming the flag', async () => {
    const a = io();
    expect(await runServe(['serve'], '/nowhere', a.io)).toBe(2);
    expect(a.err()).toContain('serve needs --logdir <dir>');
    const b = io();
    expect(await runServe(['serve', '--logdir', '.', '--prot', '1'], '/nowhere', b.io)).toBe(2);
    expect(b.err()).toContain('did you mean --port?');
  });

  it('serves the renderer it ships and the runs, until stopped', async () => {
    const root = mkdtempSync(join(tmpdir(), 'relu-desktop-serve-'));
    mkdirSync(join(root, 'renderer'));
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
    mkdirSync(join(root, 'runs', 'a'), { recursive: true });
    writeFileSync(join(root, 'runs', 'a', 'metrics.jsonl'), '{"step":0,"epoch":0,"loss":1,"layers":[]}\n');
    const s = io();
    const done = runServe(['serve', '--logdir', join(root, 'runs'), '--port', '0'], join(root, 'renderer'), s.io);
    await expect.poll(() => s.out()).toContain('Ctrl+C stops it');
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(s.out())![1];
    expect(await (await fetch(url)).text()).toContain('<div id="root">');
    expect(((await (await fetch(`${url}api/runs`)).json()) as { id: string }[]).map((r) => r.id)).toEqual(['a']);
    s.stop();
    expect(await done).toBe(0);
    expect(s.out()).toContain('stopped');
  });
});
