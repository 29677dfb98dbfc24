import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNDIR_FORMAT } from '../../src/core/rundir/format';
import { startServer, type RunServer } from '../../src/server/server';
import { MAX_QUEUED_BYTES } from '../../src/server/sse';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path goes out exactly as written (no client-side normalisation of `..` or escapes). */
function get(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads a Server-Sent Events stream; `next(event)` resolves with the next event of that name. */
function events(port: number, path: string) {
  const queue: { event: string; data: unknown }[] = [];
  const waiting: { event: string; resolve: (data: unknown) => void }[] = [];
  let buffer = '';
  const req = request({ host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const parsed = JSON.parse(data);
        const i = waiting.findIndex((w) => w.event === event);
        if (i >= 0) waiting.splice(i, 1)[0].resolve(parsed);
        else queue.push({ event, data: parsed });
      }
    });
  });
  req.end();
  return {
    next(event: string): Promise<unknown> {
      const i = queue.findIndex((q) => q.event === event);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0].data);
      return new Promise((resolve) => waiting.push({ event, resolve }));
    },
    close: () => req.destroy(),
  };
}

const runJson = (name: string) => JSON.stringify({
  format: RUNDIR_FORMAT, name, created: '2026-12-07T10:00:00Z', source: { kind: 'pytorch', version: '1.13.1' },
  monitor: { every: 10, probe: 8, bins: 4 },
  layers: [{ index: 0, name: 'features.1', activation: 'relu', units: 2, unit: 'channel', zeroGradientWhenInactive: true }],
});
const metrics = (step: number, final = false) =>
  `${JSON.stringify({ step, epoch: null, loss: 1, layers: [{ index: 0, inactiveFraction: 0.5, zeroFraction: 0.5, deadCount: 1, gradNorm: 1, weightNorm: 1 }], ...(final ? { final } : {}) })}\n`;

let dir: string;
let logdir: string;
let server: RunServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relu-serve-'));
  logdir = join(dir, 'runs');
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ReLU Lab</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(web, 'assets', 'core.wasm'), new Uint8Array([0, 97, 115, 109]));
  mkdirSync(join(logdir, 'cnn'), { recursive: true });
  writeFileSync(join(logdir, 'cnn', 'run.json'), runJson('cnn-lr0.5'));
  writeFileSync(join(logdir, 'cnn', 'metrics.jsonl'), metrics(0) + metrics(10, true));
  writeFileSync(join(logdir, 'cnn', 'units.jsonl'), '');
  mkdirSync(join(logdir, 'sweep', 'seed 1'), { recursive: true });
  writeFileSync(join(logdir, 'sweep', 'seed 1', 'metrics.jsonl'), metrics(0));
  // Things outside the log directory that must stay unreachable.
  mkdirSync(join(dir, 'secret'));
  writeFileSync(join(dir, 'secret', 'run.json'), runJson('secret'));
  writeFileSync(join(dir, 'secret', 'metrics.jsonl'), 'SECRET');
  writeFileSync(join(dir, 'passwd'), 'SECRET');
  symlinkSync(join(dir, 'secret'), join(logdir, 'link-out'));
  symlinkSync(join(dir, 'passwd'), join(logdir, 'cnn', 'units-link.jsonl'));
  mkdirSync(join(logdir, 'leaky'));
  writeFileSync(join(logdir, 'leaky', 'run.json'), runJson('leaky'));
  symlinkSync(join(dir, 'passwd'), join(logdir, 'leaky', 'metrics.jsonl'));
  server = await startServer({ logdir, webRoot: web, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('relu-lab serve', () => {
  it('lists the runs under the log directory, nested ones too, never one a link leads outside to', async () => {
    const r = await get(server.port, '/api/runs');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const runs = JSON.parse(r.body) as { id: string; name: string; lastStep: number; activity: string; source: unknown }[];
    expect(runs.map((x) => x.id)).toEqual(['cnn', 'leaky', 'sweep/seed 1']);
    expect(runs[0]).toMatchObject({ name: 'cnn-lr0.5', lastStep: 10, activity: 'finished', source: { kind: 'pytorch', version: '1.13.1' } });
    expect(runs[2]).toMatchObject({ name: 'seed 1', lastStep: 0, activity: 'live' });
  });

  it('serves a run file whole and from a byte offset, with its type', async () => {
    const whole = await get(server.port, '/api/run/cnn/metrics.jsonl');
    expect(whole.status).toBe(200);
    expect(whole.body).toBe(metrics(0) + metrics(10, true));
    expect(whole.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const tail = await get(server.port, '/api/run/cnn/metrics.jsonl', { headers: { Range: `bytes=${metrics(0).length}-` } });
    expect(tail.status).toBe(206);
    expect(tail.body).toBe(metrics(10, true));
    const past = await get(server.port, '/api/run/cnn/metrics.jsonl', { headers: { Range: 'bytes=100000-' } });
    expect(past.status).toBe(416);
    const nested = await get(server.port, `/api/run/${encodeURIComponent('sweep/seed 1')}/metrics.jsonl`);
    expect(nested.body).toBe(metrics(0));
    const info = await get(server.port, '/api/run/cnn/run.json', { method: 'HEAD' });
    expect(info.status).toBe(200);
    expect(info.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(info.body).toBe('');
  });

  it('serves the web app with the types and the isolation and security headers it needs', async () => {
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(index.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(server.port, '/assets/core.wasm')).headers['content-type']).toBe('application/wasm');
    expect((await get(server.port, '/api/serve')).body).toBe(JSON.stringify({ format: 'relu-lab/serve@1', logdir: 'runs' }));
  });

  it.each([
    '/api/run/..%2F..%2Fsecret/metrics.jsonl',
    '/api/run/%2e%2e/passwd',
    '/api/run/%2E%2E%2Fsecret/run.json',
    '/api/run/cnn%2F..%2F..%2Fsecret/metrics.jsonl',
    '/api/run/.%2Fcnn/metrics.jsonl',
    '/api/run/%2Fetc/passwd',
    '/api/run/link-out/metrics.jsonl',
    '/api/run/cnn/units-link.jsonl',
    '/api/run/leaky/metrics.jsonl',
    '/api/run/cnn/..%2F..%2Fpasswd',
    '/api/run/cnn%5C..%5C..%5Csecret/metrics.jsonl',
    '/api/run/cnn%00/metrics.jsonl',
    '/api/run/%/metrics.jsonl',
    '/../passwd',
    '/..%2F..%2Fpasswd',
    '/%2e%2e/%2e%2e/passwd',
    '/assets/..%2F..%2F..%2Fpasswd',
    '/assets/%2e%2e%5c%2e%2e%5cpasswd',
    '/api/runs/../../passwd',
    '//etc/passwd',
  ])('refuses %s without reading outside the log directory', async (path) => {
    const r = await get(server.port, path);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body).not.toContain('SECRET');
  });

  it('answers only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await get(server.port, '/api/runs', { method });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
  });

  it('pushes a run folder\'s new sizes within a second of an append, and a replaced file as a new inode', async () => {
    const folder = join(logdir, 'sweep', 'seed 1');
    const stream = events(server.port, `/api/run/${encodeURIComponent('sweep/seed 1')}/events`);
    const first = (await stream.next('files')) as Record<string, { size: number; ino: number } | null>;
    expect(first['metrics.jsonl']!.size).toBe(metrics(0).length);
    expect(first['units.jsonl']).toBeNull();
    const started = Date.now();
    appendFileSync(join(folder, 'metrics.jsonl'), metrics(10));
    const grown = (await stream.next('files')) as Record<string, { size: number; ino: number }>;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(grown['metrics.jsonl'].size).toBe(metrics(0).length + metrics(10).length);
    writeFileSync(join(folder, 'metrics.jsonl.tmp'), metrics(0));
    renameSync(join(folder, 'metrics.jsonl.tmp'), join(folder, 'metrics.jsonl'));
    let replaced = (await stream.next('files')) as Record<string, { size: number; ino: number }>;
    // A rename can show as two changes (the size, then the inode): wait for the new file.
    while (replaced['metrics.jsonl'].ino === grown['metrics.jsonl'].ino) replaced = (await stream.next('files')) as typeof replaced;
    expect(replaced['metrics.jsonl'].size).toBe(metrics(0).length);
    stream.close();
  });

  it('pushes the run list when a new run appears', async () => {
    const stream = events(server.port, '/api/runs/events');
    const before = (await stream.next('runs')) as { id: string }[];
    expect(before.map((r) => r.id)).not.toContain('new-run');
    mkdirSync(join(logdir, 'new-run'));
    writeFileSync(join(logdir, 'new-run', 'run.json'), runJson('new-run'));
    let after = (await stream.next('runs')) as { id: string }[];
    while (!after.some((r) => r.id === 'new-run')) after = (await stream.next('runs')) as { id: string }[];
    expect(after.find((r) => r.id === 'new-run')).toMatchObject({ name: 'new-run', lastStep: null });
    stream.close();
  });

  it('keeps 50 viewers of one run up to date at once', async () => {
    const folder = join(logdir, 'cnn');
    const viewers = Array.from({ length: 50 }, () => events(server.port, '/api/run/cnn/events'));
    const sizes = await Promise.all(viewers.map((v) => v.next('files'))) as Record<string, { size: number }>[];
    const before = sizes[0]['units.jsonl'].size;
    appendFileSync(join(folder, 'units.jsonl'), '{"step": 0, "layers": []}\n');
    const after = await Promise.all(viewers.map(async (v) => {
      let s = (await v.next('files')) as Record<string, { size: number }>;
      while (s['units.jsonl'].size === before) s = (await v.next('files')) as typeof s;
      return s['units.jsonl'].size;
    }));
    expect(new Set(after)).toEqual(new Set([before + 26]));
    viewers.forEach((v) => v.close());
    const files = await Promise.all(Array.from({ length: 50 }, () => get(server.port, '/api/run/cnn/metrics.jsonl')));
    expect(files.every((f) => f.status === 200 && f.body === metrics(0) + metrics(10, true))).toBe(true);
  });

  it('holds no more than a stream buffer for a viewer that stops reading a large file', async () => {
    const big = join(logdir, 'big');
    mkdirSync(big);
    const line = `${'x'.repeat(1023)}\n`;
    writeFileSync(join(big, 'metrics.jsonl'), line.repeat(64 * 1024)); // 64 MB
    const held = () => {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      return m.arrayBuffers + m.external;
    };
    const before = held();
    const stalled = Array.from({ length: 8 }, () => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/run/big/metrics.jsonl' }, (res) => res.pause());
      req.end();
      return req;
    });
    await new Promise((r) => setTimeout(r, 1500));
    const grown = held() - before;
    stalled.forEach((r) => r.destroy());
    // Eight readers of 64 MB each would hold 512 MB if the server read ahead of them.
    expect(grown).toBeLessThan(32 * 1024 * 1024);
    expect(MAX_QUEUED_BYTES).toBeLessThanOrEqual(1024 * 1024);
  });
});
