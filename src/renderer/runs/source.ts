/**
 * Where the viewer's bytes come from: a run folder the user picked (Electron
 * main reads it; the web build reads a directory handle or dropped files), a
 * run served by `relu-lab serve`, or an exported run JSON. A source delivers
 * the folder's files as bytes; parsing them is the run reader's job (the
 * same for every source). The renderer never sees a path: `label` is the
 * folder's own name.
 *
 * The events and their pacing are defined with the run folder contract
 * (`src/core/rundir/events.ts`), so that main, the web build and the server
 * can all deliver them from one follower (`src/core/rundir/follow.ts`).
 */
import type { RunSourceListener } from '../../core/rundir/events';
import type { WorkerSource } from '../../core/rundir/readerProtocol';

export type { RunSourceEvent, RunSourceListener } from '../../core/rundir/events';

export interface RunSource {
  /** The run folder's name (or the file's), for titles: never a path. */
  readonly label: string;
  /**
   * Starts delivering events; returns the function that stops the source and
   * releases what it holds. A stopped source may be started again: it then
   * reads from the beginning.
   */
  start(listener: RunSourceListener): () => void;
  /** Set where the run reader's worker can read the source by itself (a served run): its bytes then stay off the page's thread. */
  readonly worker?: WorkerSource;
}
