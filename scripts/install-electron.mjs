// npm postinstall: fetch the Electron binary (Electron ≥ 42 no longer does this
// on install). Never fails the install: offline, the web app and the CLI still
// work, and `npm start` explains what is missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath, electronPackageDir } from './electron-binary.mjs';

// Offline, the download fails within a second; the bound is for networks that
// swallow packets. Generous enough for the ~110 MB zip on a slow line.
const TIMEOUT_MS = Number(process.env.RELU_LAB_ELECTRON_TIMEOUT_S || 180) * 1000;
const OFFLINE_MESSAGE =
  'relu-lab: the Electron binary could not be downloaded (offline?). The desktop app (`npm start`) needs it; `npm run web` and the CLI work without it. Retry later with `npx install-electron`.';

function runInstaller(script) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], cwd: electronPackageDir });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, why: `timed out after ${TIMEOUT_MS / 1000} s` });
    }, TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, why: e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true } : { ok: false, why: stderr.trim().split('\n')[0] || `exit code ${code}` });
    });
  });
}

async function main() {
  if (electronBinaryPath()) return;
  // The variable Electron's own installer honoured before v42: whoever sets it does not want the download.
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const script = join(electronPackageDir, 'install.js');
  if (!existsSync(script)) {
    // electron is a devDependency: absent in a production install, where there is nothing to fetch.
    return;
  }
  const result = await runInstaller(script);
  if (result.ok && electronBinaryPath()) return;
  console.warn(OFFLINE_MESSAGE);
  if (process.env.RELU_LAB_DEBUG && !result.ok) console.warn(`relu-lab: install-electron: ${result.why}`);
}

main().catch((e) => {
  console.warn(OFFLINE_MESSAGE);
  if (process.env.RELU_LAB_DEBUG) console.warn(e);
}).finally(() => {
  process.exitCode = 0;
});
