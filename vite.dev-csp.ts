/**
 * The dev servers (`npm run web`, `electron-vite dev`) serve the renderer
 * over HTTP with an inline React refresh script and a WebSocket; the page's
 * strict CSP is relaxed for those servers only, never in a build.
 */
import type { Plugin } from 'vite';

export function devServerCsp(): Plugin {
  return {
    name: 'relu-lab-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http:"),
  };
}
