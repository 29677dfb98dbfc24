/**
 * The web build: the renderer with the core in a Web Worker. A static site
 * (`out/web`) with relative URLs, so any static file server can host it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { devServerCsp } from './vite.dev-csp';
import { BROWSER_ALIASES } from './vite.browser-aliases';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Cross-origin isolation: with these the page may share memory with its
 * workers, so the core's worker can start the kernels' helper thread
 * (src/core/host/browser-threads.ts; four cores or more). Every resource of
 * the app is its own, so requiring CORP of cross-origin ones costs nothing.
 * A static host of `out/web` should send them too; without them the core
 * runs on one thread.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: here('src/renderer'),
  base: './',
  plugins: [react(), devServerCsp()],
  resolve: { alias: BROWSER_ALIASES },
  worker: { format: 'es' },
  build: {
    outDir: here('out/web'),
    emptyOutDir: true,
  },
  server: { port: 5173, headers: ISOLATION_HEADERS },
  preview: { port: 4173, headers: ISOLATION_HEADERS },
});
