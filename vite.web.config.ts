/**
 * The web build: the renderer with the core in a Web Worker. A static site
 * (`out/web`) with relative URLs, so any static file server can host it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The dev server injects an inline script (React Fast Refresh) and talks over a
 * WebSocket; the page's strict CSP is relaxed for `npm run web` only, never in the build.
 */
function devCsp(): Plugin {
  return {
    name: 'relu-lab-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http:"),
  };
}

export default defineConfig({
  root: here('src/renderer'),
  base: './',
  plugins: [react(), devCsp()],
  worker: { format: 'es' },
  build: {
    outDir: here('out/web'),
    emptyOutDir: true,
    // plotly and the MNIST digits are big by nature; they are split into their own chunks.
    chunkSizeWarningLimit: 25_000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
