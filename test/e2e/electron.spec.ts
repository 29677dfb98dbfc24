/**
 * The real desktop app, end to end, through Playwright's Electron driver.
 * Runs only where the Electron binary is installed (`npx install-electron`);
 * elsewhere it reports why it was skipped.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinaryPath } from '../../scripts/electron-binary.mjs';
import { currentStep } from './helpers';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const binary = electronBinaryPath();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'skipped: Electron binary not installed');

  let app: ElectronApplication;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // The app under test is the current source, built the way `npm start` builds it.
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`);
    app = await electron.launch({
      executablePath: binary!,
      // Containers (CI, root) have no user-namespace sandbox for Chromium's own process sandbox.
      args: [root, ...(process.env.CI || process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      // Never the dev server: this tests the built app on app://.
      env: Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k !== 'ELECTRON_RENDERER_URL' && v !== undefined)) as Record<string, string>,
    });
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('opens the window, starts training and the step advances', async () => {
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    expect(page.url()).toMatch(/^app:\/\/relu-lab\//);
    const train = page.getByTestId('train-toggle');
    await expect(train).toBeEnabled();
    const before = await currentStep(page);
    await train.click();
    await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThan(before);
    await train.click();
    expect(errors).toEqual([]);
  });

  test('keeps the page sandboxed: no Node in the renderer, only the bridge', async () => {
    const page = await app.firstWindow();
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: typeof window.reluLab?.openFile,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: 'function' });
  });
});
