// `npm start`: build the desktop app and run it — or, without the Electron
// binary (offline install), say what is missing and what works anyway.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from './electron-binary.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electron = electronBinaryPath();

if (!electron) {
  console.error(
    [
      'relu-lab: the Electron binary is not installed, so the desktop app cannot start.',
      '  Get it (needs internet):   npx install-electron',
      '  Or use the app in a browser, no Electron needed:   npm run web',
      '  The headless CLI works too:   npx relu-lab --help',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
