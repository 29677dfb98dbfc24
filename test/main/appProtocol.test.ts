import { mkdtempSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, registerAppScheme, resolveAppFile } from '../../src/main/appProtocol';
import { contentSecurityPolicy } from '../../src/main/security';
import { FakeProtocol } from './fakes';

const root = '/opt/relu-lab/out/renderer';

describe('resolveAppFile', () => {
  it('maps app URLs to files in the renderer folder', () => {
    expect(resolveAppFile(root, 'app://relu-lab/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://relu-lab/')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://relu-lab/assets/index-1.js?v=2#x')).toBe(`${root}/assets/index-1.js`);
    expect(resolveAppFile(root, 'app://relu-lab/assets/my%20file.css')).toBe(`${root}/assets/my file.css`);
  });

  it('never leaves the folder', () => {
    for (const url of [
      'app://relu-lab/../../etc/passwd',
      'app://relu-lab/%2e%2e/%2e%2e/etc/passwd',
      'app://relu-lab/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://relu-lab/..%5c..%5cwindows',
      'app://relu-lab/%00index.html',
      'app://other-host/index.html',
      'file:///etc/passwd',
      'app://relu-lab/%E0%A4%A',
    ]) {
      const file = resolveAppFile(root, url);
      if (file !== null) expect(file.startsWith(`${root}/`), url).toBe(true);
    }
    expect(resolveAppFile(root, 'app://relu-lab/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(root, 'app://other-host/index.html')).toBeNull();
  });
});

describe('the app:// handler', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'relu-lab-protocol-')));
  const site = join(dir, 'renderer');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>ReLU Lab</title>');
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  symlinkSync(join(dir, 'secret.txt'), join(site, 'assets', 'link.txt'));
  const handler = createAppProtocolHandler({ root: site, fs, csp: contentSecurityPolicy() });

  it('serves the renderer with its content type and the CSP header', async () => {
    const page = await handler({ url: 'app://relu-lab/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await page.text()).toContain('ReLU Lab');
    const script = await handler({ url: 'app://relu-lab/assets/app.js' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files, escapes and symlinks out of the folder', async () => {
    expect((await handler({ url: 'app://relu-lab/missing.js' })).status).toBe(404);
    expect((await handler({ url: 'app://relu-lab/..%2fsecret.txt' })).status).toBe(404);
    const viaLink = await handler({ url: 'app://relu-lab/assets/link.txt' });
    expect(viaLink.status).toBe(404);
    expect(await viaLink.text()).not.toContain('outside');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler({ url: 'app://relu-lab/index.html', method: 'POST' })).status).toBe(405);
  });
});

describe('registerAppScheme', () => {
  it('registers app: as a standard, secure scheme', () => {
    const protocol = new FakeProtocol({ isReady: false });
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });
});
