/**
 * The app:// protocol: serves the built renderer (out/renderer) to the window,
 * so pages get a real origin, a CSP header and no file:// privileges.
 */
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import type { FsLike, ProtocolLike } from './electronApi';
import { APP_HOST, APP_SCHEME } from './security';

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and workers like https. */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is for
 * another host or would leave `root` (`..`, encoded or not).
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const file = normalize(join(root, pathname));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

export function createAppProtocolHandler(options: { root: string; fs: Pick<FsLike, 'readFile' | 'realpath'>; csp: string }) {
  const { root, fs, csp } = options;
  const headers = (type: string): Record<string, string> => ({
    'Content-Type': type,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
  return async (request: { url: string; method?: string }): Promise<Response> => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: headers('text/plain') });
    }
    const file = resolveAppFile(root, request.url);
    if (!file) return new Response('not found', { status: 404, headers: headers('text/plain') });
    try {
      // A symlink inside the folder could still point outside it.
      const real = await fs.realpath(file);
      const realRoot = await fs.realpath(root);
      const inside = relative(realRoot, real);
      if (inside.startsWith('..') || isAbsolute(inside)) return new Response('not found', { status: 404, headers: headers('text/plain') });
      const body = await fs.readFile(real);
      return new Response(body as BodyInit, { status: 200, headers: headers(contentTypeOf(real)) });
    } catch {
      return new Response('not found', { status: 404, headers: headers('text/plain') });
    }
  };
}
