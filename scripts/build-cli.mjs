// Bundles the headless CLI (and the core it runs) into dist/cli.mjs, so
// `npx relu-lab …` works right after `npm install` with no TypeScript at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // The mnist package is CommonJS that `require`s its JSON digits.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
