/**
 * `relu-lab serve`: the built web app and the run folders under a log
 * directory, read-only, over HTTP (`node:http`: a handful of routes need no
 * framework, and the server must start from the CLI bundle and from the
 * desktop app alike). Routes:
 *
 *   GET /api/serve                   what this server is (the web app asks, to show the run list)
 *   GET /api/runs                    the run list (RunListing[])
 *   GET /api/runs/events             the run list again whenever it changes (Server-Sent Events)
 *   GET /api/run/<id>/<file>         run.json, metrics.jsonl or units.jsonl; Range: bytes=N- for appended bytes
 *   GET /api/run/<id>/events         the three files' sizes and inodes whenever they change (Server-Sent Events)
 *   GET /<path>                      the web app (out/web)
 *
 * `<id>` is the run folder's path under the log directory, percent-encoded
 * as one URL segment. Only GET and HEAD; nothing outside the log directory
 * or the web app's folder is ever read (runPaths.ts), links included.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, normalize } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { RUN_FILES } from '../core/rundir/format';
import { SERVE_FORMAT } from '../core/rundir/served';
import { contentTypeOf } from '../main/appProtocol';
import { contentSecurityPolicy } from '../main/security';
import { FolderWatch, type FolderState } from './folderWatch';
import { RunIndex, type RunListing } from './runIndex';
import { isInside, RefusedPathError, resolveRunFile, resolveRunFolder } from './runPaths';
import { SseClient } from './sse';

const RUN_FILE_NAMES: readonly string[] = [RUN_FILES.info, RUN_FILES.metrics, RUN_FILES.units];
/** How often the run list is looked at again while someone watches it. */
const LIST_EVERY_MS = 1000;

/** Sent with every response: the web app is cross-origin isolated (a second core thread) and framed by nobody. */
const COMMON_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export interface ServeOptions {
  logdir: string;
  /** The built web app (index.html and assets/). */
  webRoot: string;
  host: string;
  port: number;
  log?: (message: string) => void;
}

export interface RunServer {
  /** e.g. http://127.0.0.1:6070/ */
  url: string;
  port: number;
  /** Stops accepting, ends every open stream and watcher; resolves once the server is closed. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startServer(options: ServeOptions): Promise<RunServer> {
  const root = await realpath(options.logdir);
  const webRoot = await realpath(options.webRoot);
  const log = options.log ?? (() => {});
  const index = new RunIndex(root);
  const csp = contentSecurityPolicy();

  // ── the run list, scanned while anyone listens (and on request)
  let listing: RunListing[] = [];
  let listingText = '[]';
  let scanning: Promise<RunListing[]> | null = null;
  const listClients = new Set<SseClient>();
  const scan = (): Promise<RunListing[]> => {
    scanning ??= index.scan().then((runs) => {
      listing = runs;
      const text = JSON.stringify(runs);
      if (text !== listingText) {
        listingText = text;
        for (const c of listClients) c.send('runs', runs);
      }
      return runs;
    }).finally(() => {
      scanning = null;
    });
    return scanning;
  };
  const listTimer = setInterval(() => {
    if (listClients.size > 0) void scan();
  }, LIST_EVERY_MS);

  // ── one watcher per run folder, shared by its viewers
  const watches = new Map<string, { watch: Promise<FolderWatch>; clients: Set<SseClient> }>();
  const follow = async (folder: string, client: SseClient): Promise<void> => {
    let entry = watches.get(folder);
    if (!entry) {
      const clients = new Set<SseClient>();
      const watch = FolderWatch.start(folder, RUN_FILE_NAMES, (state: FolderState) => {
        for (const c of clients) c.send('files', state);
      });
      entry = { watch, clients };
      watches.set(folder, entry);
    }
    entry.clients.add(client);
    client.send('files', (await entry.watch).state);
  };
  const unfollow = (folder: string, client: SseClient): void => {
    const entry = watches.get(folder);
    if (!entry) return;
    entry.clients.delete(client);
    if (entry.clients.size === 0) {
      watches.delete(folder);
      void entry.watch.then((w) => w.close());
    }
  };
  const allClients = new Set<SseClient>();
  const openStream = (res: ServerResponse, onClose: () => void): SseClient => {
    const client: SseClient = new SseClient(res, COMMON_HEADERS, () => {
      allClients.delete(client);
      onClose();
    });
    allClients.add(client);
    return client;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...COMMON_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Only GET and HEAD: the server is read-only.\n');
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0];
    if (rawPath === '/api/serve') return json(res, { format: SERVE_FORMAT, logdir: basename(root) });
    if (rawPath === '/api/runs') return json(res, await scan());
    if (rawPath === '/api/runs/events') {
      const client = openStream(res, () => listClients.delete(client));
      listClients.add(client);
      client.send('runs', listing.length ? listing : await scan());
      return;
    }
    const run = /^\/api\/run\/([^/]+)\/([^/]+)$/.exec(rawPath);
    if (run) return handleRun(req, res, decodeSegment(run[1]), decodeSegment(run[2]));
    if (rawPath.startsWith('/api/')) throw new HttpError(404, 'no such API route');
    return serveStatic(req, res, rawPath);
  }

  async function handleRun(req: IncomingMessage, res: ServerResponse, id: string, name: string): Promise<void> {
    const folder = await resolveRunFolder(root, id);
    if (name === 'events') {
      const client = openStream(res, () => unfollow(folder, client));
      await follow(folder, client);
      return;
    }
    if (!RUN_FILE_NAMES.includes(name)) throw new HttpError(404, `a run folder serves ${RUN_FILE_NAMES.join(', ')}`);
    const file = await resolveRunFile(root, folder, name);
    await sendFile(req, res, file, name === RUN_FILES.info ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8', true);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    const path = decodeSegment(rawPath);
    const relativePath = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
    const candidate = normalize(join(webRoot, relativePath));
    if (!isInside(webRoot, candidate)) throw new HttpError(404, 'not found');
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      throw new HttpError(404, 'not found');
    }
    if (!isInside(webRoot, real)) throw new HttpError(404, 'not found');
    await sendFile(req, res, real, contentTypeOf(real), false);
  }

  /** A file, whole or from a byte range (only run files take ranges: appended bytes). */
  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, type: string, ranges: boolean): Promise<void> {
    const s = await stat(file).catch(() => null);
    if (!s || !s.isFile()) throw new HttpError(404, 'not found');
    const headers: Record<string, string> = { ...COMMON_HEADERS, 'Content-Type': type };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = csp;
    headers['Cache-Control'] = ranges ? 'no-store' : 'no-cache';
    let start = 0;
    let end = s.size - 1;
    let status = 200;
    const range = ranges ? req.headers.range : undefined;
    if (ranges) headers['Accept-Ranges'] = 'bytes';
    if (range !== undefined) {
      const m = /^bytes=(\d+)-(\d*)$/.exec(range);
      if (!m) throw new HttpError(416, 'expected Range: bytes=<start>-[<end>]');
      start = Number(m[1]);
      end = m[2] === '' ? s.size - 1 : Math.min(Number(m[2]), s.size - 1);
      if (start >= s.size || end < start) {
        res.writeHead(416, { ...COMMON_HEADERS, 'Content-Range': `bytes */${s.size}`, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`range starts at or past the end of the file (${s.size} bytes)\n`);
        return;
      }
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${s.size}`;
    }
    headers['Content-Length'] = String(Math.max(0, end - start + 1));
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || end < start) {
      res.end();
      return;
    }
    // pipeline waits for a slow client (back-pressure): no more than a stream buffer is ever held for it.
    await pipeline(createReadStream(file, { start, end }), res).catch(() => res.destroy());
  }

  function json(res: ServerResponse, value: unknown): void {
    const body = JSON.stringify(value);
    res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof RefusedPathError ? 404 : 500;
      if (status === 500) log(`error on ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`${status === 500 ? 'internal error' : message}\n`);
    });
  });
  // Many viewers each hold two streams open; the default header timeout would not drop them, and keep-alive reuses sockets.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close(): Promise<void> {
      clearInterval(listTimer);
      for (const c of [...allClients]) c.close();
      for (const [, entry] of watches) void entry.watch.then((w) => w.close());
      watches.clear();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One percent-decoded URL path; a malformed escape is a 400, not a crash. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the URL');
  }
}
