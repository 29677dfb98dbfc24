import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN, addCspToDevServer, contentSecurityPolicy, denyAllPermissions, guardWebContents, openExternalLink, originOf, windowOptions,
} from '../../src/main/security';
import { FakeDialog, FakeSession, FakeWebContents } from './fakes';

function guarded() {
  const contents = new FakeWebContents();
  const asked: string[] = [];
  guardWebContents(contents, APP_ORIGIN, (url) => void asked.push(url));
  return { contents, asked };
}

function linkOpener(response: number) {
  const dialog = new FakeDialog();
  dialog.messageBoxResponse = response;
  const opened: string[] = [];
  const open = (url: string) => openExternalLink(url, { dialog, shell: { openExternal: async (u) => void opened.push(u) }, window: () => 'the window' });
  return { dialog, opened, open };
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

  it('denies new windows and hands web links to the link opener, nothing else', () => {
    const { contents, asked } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://pytorch.org/docs' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(asked).toEqual(['https://pytorch.org/docs']);
  });
});

describe('opening a web link', () => {
  it('asks first, showing where the link goes, and opens nothing when the user declines', async () => {
    const { dialog, opened, open } = linkOpener(1);
    expect(await open('https://evil.example/phish?next=%2F')).toBe(false);
    expect(opened).toEqual([]);
    const ask = dialog.calls[0]!.options;
    expect(ask.message).toBe('Open evil.example in your web browser?');
    expect(ask.detail).toContain('https://evil.example/phish?next=%2F');
    expect(ask.buttons).toEqual(['Open in Browser', 'Cancel']);
    expect(ask).toMatchObject({ defaultId: 1, cancelId: 1 });
  });

  it('opens the link once the user agrees', async () => {
    const { opened, open } = linkOpener(0);
    expect(await open('https://pytorch.org/docs/stable/nn.html')).toBe(true);
    expect(opened).toEqual(['https://pytorch.org/docs/stable/nn.html']);
  });

  it('never offers anything but http(s), and shows a link without its control characters', async () => {
    const { dialog, opened, open } = linkOpener(0);
    expect(await open('file:///etc/passwd')).toBe(false);
    expect(await open('smb://host/share')).toBe(false);
    expect(dialog.calls).toEqual([]);
    await open('https://example.org/\u202egnp.exe');
    expect(dialog.calls[0]!.options.detail).not.toMatch(/\u202e/);
    expect(opened).toHaveLength(1);
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
