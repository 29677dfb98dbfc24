/**
 * The window's security posture in one place: web preferences, the content
 * security policy, and the guards on navigation, new windows and permissions.
 */
import { printable } from '../core/text/printable';
import type { DialogLike, SessionLike, ShellLike, WebContentsLike } from './electronApi';

export const APP_SCHEME = 'app';
export const APP_HOST = 'relu-lab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Plotly injects style elements, hence 'unsafe-inline' for styles only;
 * scripts come from the app's own origin and nowhere else. 'wasm-unsafe-eval'
 * lets the comparison worker compile the core's WebAssembly SIMD kernels
 * (it allows WebAssembly compilation only, not eval of JavaScript).
 */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy for app content; the dev server's needs (inline refresh script, HMR socket) only when one is given. */
export function contentSecurityPolicy(devServerOrigin?: string): string {
  if (!devServerOrigin) return STRICT_CSP;
  const socket = devServerOrigin.replace(/^http/, 'ws');
  return STRICT_CSP
    .replace("script-src 'self'", `script-src 'self' 'unsafe-inline' ${devServerOrigin}`)
    .replace("connect-src 'self'", `connect-src 'self' ${devServerOrigin} ${socket}`);
}

export function windowOptions(preloadPath: string, bounds: { x?: number; y?: number; width: number; height: number }): Record<string, unknown> {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'ReLU Lab',
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The origin of a URL, or null when it has none we could trust. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
}

export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Opens a web link in the system browser once the user has seen where it
 * goes and agreed: a page (or a file's text shown in it) can put any link
 * before the user, and a click alone is no consent to leave the app.
 * Resolves whether the link was opened; anything but http(s) never is.
 */
export async function openExternalLink(url: string, deps: { dialog: DialogLike; shell: ShellLike; window: () => unknown }): Promise<boolean> {
  if (!isExternalWebLink(url)) return false;
  const shown = printable(url.length > 500 ? `${url.slice(0, 500)}…` : url);
  const { response } = await deps.dialog.showMessageBox(deps.window(), {
    type: 'question',
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'ReLU Lab',
    message: `Open ${printable(new URL(url).host)} in your web browser?`,
    detail: `The link leads out of ReLU Lab, to:\n${shown}`,
  });
  if (response !== 0) return false;
  await deps.shell.openExternal(url);
  return true;
}

/**
 * The page may not leave the app: navigation elsewhere is cancelled, new
 * windows are refused, and web links go to `openLink` (openExternalLink:
 * the system browser, after asking) instead.
 */
export function guardWebContents(contents: WebContentsLike, appOrigin: string, openLink: (url: string) => void, log: (m: string) => void = () => {}): void {
  contents.on('will-navigate', (event: { preventDefault(): void }, url: string) => {
    if (originOf(url) === appOrigin) return;
    event.preventDefault();
    log(`blocked navigation to ${url}`);
  });
  contents.on('will-redirect', (event: { preventDefault(): void }, url: string) => {
    if (originOf(url) === appOrigin) return;
    event.preventDefault();
    log(`blocked redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) openLink(url);
    else log(`refused to open a window for ${url}`);
    return { action: 'deny' };
  });
}

/** The app needs no camera, notifications, geolocation…: every request and check is answered "no". */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Responses from the app:// protocol carry the CSP themselves; the dev
 * server's do not, so main adds the (relaxed) policy to them here.
 */
export function addCspToDevServer(session: SessionLike, devServerOrigin: string): void {
  const policy = contentSecurityPolicy(devServerOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== devServerOrigin) return callback({ responseHeaders: details.responseHeaders });
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
