/**
 * Modules the renderer's builds (web and Electron) take from elsewhere than
 * Node would: the `mnist` package's digits as files of the build, fetched
 * when an experiment asks for them (src/core/host/browser-mnist.ts), instead
 * of 20 MB of JavaScript bundled into every worker that may load data.
 */
import { fileURLToPath } from 'node:url';
import type { Alias } from 'vite';

export const BROWSER_ALIASES: Alias[] = [
  { find: /^mnist$/, replacement: fileURLToPath(new URL('src/core/host/browser-mnist.ts', import.meta.url)) },
];
