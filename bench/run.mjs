// Bundles the TypeScript bench (and the core it measures) with esbuild into a
// temporary file and runs it: `npm run bench` (node --expose-gc bench/run.mjs),
// or with `memory` first, bench/memory.ts (`npm run bench:memory`).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const memory = process.argv[2] === 'memory';
const entry = memory ? 'memory.ts' : 'main.ts';
const args = process.argv.slice(memory ? 3 : 2);
// Inside node_modules so the bundle's bare imports (tfjs) resolve from the repo's packages.
const cache = join(benchDir, '..', 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'relu-lab-bench-'));
try {
  await build({
    entryPoints: [join(benchDir, entry)],
    outfile: join(out, 'bench.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // tfjs as ES modules, so its gradient registrations land in the same tfjs-core the cases use.
    mainFields: ['module', 'main'],
    // tfjs's Node paths are CommonJS at heart: they `require` built-ins and read __dirname.
    banner: {
      js: [
        "import { createRequire as __cr } from 'node:module';",
        "import { fileURLToPath as __fu } from 'node:url';",
        "import { dirname as __dn } from 'node:path';",
        'const require = __cr(import.meta.url);',
        'const __filename = __fu(import.meta.url);',
        'const __dirname = __dn(__filename);',
      ].join(' '),
    },
    logLevel: 'warning',
  });
  const { main } = await import(pathToFileURL(join(out, 'bench.mjs')).href);
  await main(benchDir, args);
} finally {
  rmSync(out, { recursive: true, force: true });
}
