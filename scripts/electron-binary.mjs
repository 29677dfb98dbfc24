// Where the Electron binary is, without require('electron'): since Electron 42
// requiring it starts a download when the binary is missing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The electron package folder (node_modules/electron). */
export const electronPackageDir = join(root, 'node_modules', 'electron');

/**
 * The executable named by node_modules/electron/path.txt, the way the package's
 * own index.js finds it, or null when the binary was never downloaded.
 */
export function electronBinaryPath(packageDir = electronPackageDir) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    if (!override) return null;
  }
  const executable = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  return existsSync(executable) ? executable : null;
}
