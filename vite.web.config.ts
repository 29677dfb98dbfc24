/**
 * The web build: the renderer with the core in a Web Worker. A static site
 * (`out/web`) with relative URLs, so any static file server can host it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { devServerCsp } from './vite.dev-csp';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('src/renderer'),
  base: './',
  plugins: [react(), devServerCsp()],
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
