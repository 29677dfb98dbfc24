/**
 * The ways a run gets opened — File ▸ Open Run…, a drop on the window, the
 * run list of `relu-lab serve` — ending in the viewer's store. A refusal
 * (not a run, an unreadable file) is said in a notice naming the problem;
 * the lab's work is never touched.
 */
import type { RunListing } from '../../core/rundir/served';
import { RunFieldError } from '../../core/rundir/parse';
import { parseRunJson } from '../export/runJson';
import { platform } from '../platform/current';
import type { PickedRun } from '../platform/types';
import { servedRunSource } from '../runs/servedSource';
import { actions } from '../store';
import { openRunHistory, openRunSource } from './viewerStore';

function refused(title: string, e: unknown): void {
  actions.notify({ level: 'error', code: 'run', title, message: e instanceof Error ? e.message : String(e) });
}

/** Opens what the user picked or dropped; returns false (after saying why) when it could not be opened. */
export function openPicked(picked: PickedRun): boolean {
  if (picked.kind === 'folder') {
    openRunSource(picked.source, 'folder');
    return true;
  }
  try {
    const run = parseRunJson(picked.text);
    openRunHistory(run.name, run.layers, run.records, run.info, run.experiment);
    return true;
  } catch (e) {
    if (!(e instanceof RunFieldError)) throw e;
    refused(`${picked.name} could not be opened`, new Error(`${picked.name}: ${e.message}`));
    return false;
  }
}

/** File ▸ Open Run…: the platform's folder picker (Electron's dialog, the browser's directory picker). */
export async function openRunDialog(): Promise<void> {
  try {
    const picked = await platform.pickRun();
    if (picked) openPicked(picked);
  } catch (e) {
    refused('The run could not be opened', e);
  }
}

/** A drop on the window: call from the drop handler itself (the drop's data goes away once it returns). */
export function openDroppedRun(data: DataTransfer): void {
  platform.droppedRun(data).then(
    (picked) => {
      if (picked) openPicked(picked);
    },
    (e: unknown) => refused('The dropped items are not a run', e),
  );
}

/** A run of `relu-lab serve`'s list. */
export function openServedRun(run: RunListing): void {
  openRunSource(servedRunSource(run.id, run.name), 'served');
}
