/**
 * The builder's born-dead estimator: the probability for the current design
 * comes from the session's `bornDead` command (the same estimator and seed
 * stream as `relu-lab born-dead`), the depth × width grid from the
 * comparison worker, so neither blocks the UI.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { GridCell } from '../../core/compare/grid';
import type { Command, CoreEvent } from '../../core/protocol/messages';
import { compareClient } from '../compare/compareClient';
import { app } from '../store';
import { experimentToRaw } from '../store/checkDesign';

export const ESTIMATE_TRIALS = 2000;
export const GRID_DEPTHS = [1, 2, 4, 6, 8, 10, 12, 16];
export const GRID_WIDTHS = [2, 3, 4, 6, 8, 12, 16];
export const GRID_TRIALS = 300;

export interface BornDeadState {
  /** The session's progress events for the current design; null before the first estimate. */
  estimate: { trials: number; done: number; probability: number; stderr: number } | null;
  estimating: boolean;
  grid: { jobId: number; cells: GridCell[]; done: number; total: number; running: boolean; error: string | null } | null;
}

export const bornDeadState = createStore<BornDeadState>(() => ({ estimate: null, estimating: false, grid: null }));

export function useBornDead<T>(selector: (s: BornDeadState) => T): T {
  return useStore(bornDeadState, selector);
}

interface SessionClient {
  send(command: Command): void;
  on(type: 'bornDead', handler: (event: Extract<CoreEvent, { type: 'bornDead' }>) => void): () => void;
}

let session: SessionClient | null = null;

/** Called once by the app's core wiring: the estimator talks to the same session as the store. */
export function attachBornDeadClient(client: SessionClient): void {
  session = client;
  client.on('bornDead', (event) => {
    bornDeadState.setState({
      estimate: { trials: event.trials, done: event.done, probability: event.probability, stderr: event.stderr },
      estimating: event.done < event.trials,
    });
  });
}

// A new design (or a reload of the core) makes the old estimate meaningless.
app.store.subscribe((s, prev) => {
  if (s.design.present.network !== prev.design.present.network || s.design.present.seed !== prev.design.present.seed || (s.loading && !prev.loading)) {
    if (bornDeadState.getState().estimate) bornDeadState.setState({ estimate: null, estimating: false });
  }
});

export function estimateBornDead(trials = ESTIMATE_TRIALS): string | null {
  if (!session) return 'The core is not connected yet.';
  const s = app.store.getState();
  if (s.run.state === 'empty' || s.loading) return 'Wait until the network is loaded in the core.';
  bornDeadState.setState({ estimating: true, estimate: { trials, done: 0, probability: 0, stderr: 0 } });
  session.send({ type: 'bornDead', trials });
  return null;
}

export function computeGrid(): void {
  const previous = bornDeadState.getState().grid;
  if (previous?.running) compareClient().cancel(previous.jobId);
  const s = app.store.getState();
  const design = s.design.present;
  const files = design.data.kind === 'csv' && s.files[design.data.path] !== undefined ? { [design.data.path]: s.files[design.data.path] } : undefined;
  const total = GRID_DEPTHS.length * GRID_WIDTHS.length;
  const jobId = compareClient().start(
    { type: 'bornDeadGrid', experiment: experimentToRaw(design), depths: GRID_DEPTHS, widths: GRID_WIDTHS, trials: GRID_TRIALS, ...(files ? { files } : {}) },
    (event) => {
      const grid = bornDeadState.getState().grid;
      if (!grid || grid.jobId !== jobId) return;
      if (event.type === 'cell') bornDeadState.setState({ grid: { ...grid, cells: [...grid.cells, event.cell], done: event.done } });
      else if (event.type === 'done') bornDeadState.setState({ grid: { ...grid, running: false } });
      else if (event.type === 'error') bornDeadState.setState({ grid: { ...grid, running: false, error: event.message } });
    },
  );
  bornDeadState.setState({ grid: { jobId, cells: [], done: 0, total, running: true, error: null } });
}
