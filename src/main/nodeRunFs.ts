/** The real file system behind RunFsLike (index.ts injects it; tests use it on a temporary folder). */
import { watch } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { RunFsLike } from './electronApi';

export const nodeRunFs: RunFsLike = {
  stat,
  open,
  // Not persistent: a watched run folder must not keep the app alive.
  watch: (path, listener) => watch(path, { persistent: false }, () => listener()),
};
