import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN, addCspToDevServer, contentSecurityPolicy, denyAllPermissions, guardWebContents, originOf, windowOptions,
} from '../../src/main/security';
import { FakeSession, FakeWebContents } from './fakes';

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(contents, APP_ORIGIN, { openExternal: async (url) => void opened.push(url) });
  return { contents, opened };
}

describe('window options', () => {
  it('isolate and sandbox the page, with no Node and web security on', () => {
    const options = windowOptions('/opt/relu-lab/out/preload/index.cjs', { width: 1200, height: 800 });
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/relu-lab/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options).toMatchObject({ width: 1200, height: 800, show: false });
  });
});

describe('content security policy', () => {
  it('allows scripts only from the app itself', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).toContain("object-src 'none'");
    // WebAssembly compilation only; JavaScript eval stays forbidden.
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/https?:/);
  });

  it('is relaxed for the dev server, and only for it', () => {
    const csp = contentSecurityPolicy('http://localhost:5173');
    expect(csp).toMatch(/script-src 'self' 'unsafe-inline' http:\/\/localhost:5173 'wasm-unsafe-eval';/);
    expect(csp).toMatch(/connect-src 'self' http:\/\/localhost:5173 ws:\/\/localhost:5173;/);
  });

  it('is added to dev-server responses, not to other sites', () => {
    const session = new FakeSession();
    addCspToDevServer(session, 'http://localhost:5173');
    const answers: Array<Record<string, string[]> | undefined> = [];
    session.headersListener!({ url: 'http://localhost:5173/index.html', responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => answers.push(r.responseHeaders));
    session.headersListener!({ url: 'https://example.com/', responseHeaders: {} }, (r) => answers.push(r.responseHeaders));
    expect(answers[0]!['Content-Security-Policy']).toEqual([contentSecurityPolicy('http://localhost:5173')]);
    expect(answers[1]!['Content-Security-Policy']).toBeUndefined();
  });
});

describe('navigation and new windows', () => {
  it('keeps navigation inside the app', () => {
    const { contents } = guarded();
    expect(contents.emitCancellable('will-navigate', 'app://relu-lab/index.html')).toBe(false);
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitCancellable('will-navigate', 'app://relu-lab.evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-attach-webview')).toBe(true);
  });

  it('denies new windows and opens web links in the system browser', () => {
    const { contents, opened } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://pytorch.org/docs' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://pytorch.org/docs']);
  });
});

describe('permissions', () => {
  it('denies every request and every check', () => {
    const session = new FakeSession();
    denyAllPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      session.requestHandler!({}, permission, (granted) => answers.push(granted));
      answers.push(session.checkHandler!({}, permission));
    }
    expect(answers).toHaveLength(8);
    expect(answers.every((a) => a === false)).toBe(true);
  });
});

describe('originOf', () => {
  it('gives app:// URLs an origin (Node calls it "null")', () => {
    expect(originOf('app://relu-lab/assets/index.js')).toBe('app://relu-lab');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('not a url')).toBeNull();
  });
});
