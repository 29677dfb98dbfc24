/**
 * The desktop build: main (and the core's utility-process entry) as ES
 * modules, the sandboxed preload as one CommonJS file, the renderer as a
 * static site served from the app:// protocol.
 *
 *   out/main/index.js     Electron main
 *   out/main/core.js      the compute core, forked with utilityProcess
 *   out/preload/index.cjs the preload (sandboxed preloads cannot be ES modules)
 *   out/renderer/         index.html and its assets
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { devServerCsp } from './vite.dev-csp';
import { BROWSER_ALIASES } from './vite.browser-aliases';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      rolldownOptions: {
        input: {
          index: here('src/main/index.ts'),
          core: here('src/core/host/utility.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      rolldownOptions: {
        input: { index: here('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('src/renderer'),
    plugins: [react(), devServerCsp()],
    resolve: { alias: BROWSER_ALIASES },
    worker: { format: 'es' },
    build: {
      outDir: here('out/renderer'),
      rolldownOptions: { input: { index: here('src/renderer/index.html') } },
    },
  },
});
