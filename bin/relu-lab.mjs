#!/usr/bin/env node
// Entry of `npx relu-lab`: runs the CLI bundled by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('relu-lab: the CLI is not built yet. Run `npm install` (or `npm run build:cli`) in the relu-lab folder.\n');
  process.exit(1);
}
await import(bundle);
