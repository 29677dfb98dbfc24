import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = 'bin/relu-lab.mjs';

function relu(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

describe('relu-lab serve', () => {
  it.each([
    [['serve'], /--logdir/],
    [['serve', '--logdir', '/no/such/folder'], /--logdir: \/no\/such\/folder does not exist/],
    [['serve', '--logdir', 'package.json'], /--logdir: package\.json is not a folder/],
    [['serve', '--logdir', '.', '--port', 'http'], /--port: expected an integer from 0 to 65535, got "http"/],
    [['serve', '--logdir', '.', '--port', '70000'], /--port: expected an integer/],
    [['serve', '--logdir', '.', '--host', 'a b;rm'], /--host: expected a host name or IP address/],
    [['serve', 'runs', '--logdir', '.'], /serve takes no file/],
    [['serve', '--logdir', '.', '--prot', '80'], /unknown flag --prot \(did you mean --port\?/],
  ])('refuses %j with exit 2 naming the flag', (args, message) => {
    const r = relu(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('serves a log directory, says how to reach it over ssh, and stops cleanly on Ctrl+C', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'relu-serve-cli-'));
    mkdirSync(join(logdir, 'a'));
    writeFileSync(join(logdir, 'a', 'metrics.jsonl'), '{"step":0,"epoch":0,"loss":1,"layers":[]}\n');
    // Port 0: the system picks a free one, which the banner then names.
    const child = spawn(process.execPath, [BIN, 'serve', '--logdir', logdir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (out += c));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m && out.includes('Ctrl+C')) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready: ${out}`)));
    });
    expect(out).toContain(`serving the runs under ${logdir}, read-only`);
    expect(out).toMatch(/ssh -L \d+:127\.0\.0\.1:\d+ <user>@<this-machine>/);
    const runs = (await (await fetch(`${url}api/runs`)).json()) as { id: string }[];
    expect(runs.map((r) => r.id)).toEqual(['a']);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
  }, 120_000);
});
