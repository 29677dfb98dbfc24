/** Where the build puts each piece, relative to the app folder (the repo in development, app.asar when packaged). */
import { join } from 'node:path';

export interface AppPaths {
  preload: string;
  renderer: string;
  core: string;
  presets: string;
}

export function appPaths(appPath: string): AppPaths {
  return {
    preload: join(appPath, 'out', 'preload', 'index.cjs'),
    renderer: join(appPath, 'out', 'renderer'),
    core: join(appPath, 'out', 'main', 'core.js'),
    presets: join(appPath, 'presets'),
  };
}
