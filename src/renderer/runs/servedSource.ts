/** A run of `relu-lab serve`'s list as a source: read in the run reader's worker (core/host/http-run-source.ts). */
import { servedRunFollower } from '../../core/host/http-run-source';
import type { RunSource } from './source';

export function servedRunSource(id: string, label: string): RunSource {
  const base = document.baseURI;
  return {
    label,
    worker: { kind: 'served', id, label, base },
    start: (listener) => servedRunFollower(id, label, listener, base),
  };
}
