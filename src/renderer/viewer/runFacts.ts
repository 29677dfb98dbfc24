/** What the viewer says about a run and its units, in words, from its history: one place for the banner, layers, panels and status bar. */
import type { RunActivity } from '../../core/rundir/activity';
import type { RunInfo } from '../../core/rundir/format';
import type { HistoryLayer, RunHistory } from '../history';

export function sourceText(info: RunInfo | null): string {
  if (!info) return 'source unknown';
  return info.source.kind === 'pytorch' ? `PyTorch ${info.source.version}` : `ReLU Lab ${info.source.version}`;
}

export const ACTIVITY_TEXT: Record<RunActivity | 'loading', string> = {
  loading: 'reading…',
  live: 'live',
  finished: 'finished',
  stalled: 'not growing',
};

export const ACTIVITY_TITLE: Record<RunActivity | 'loading', string> = {
  loading: 'Reading the run folder',
  live: 'Still being written: new records show as they arrive',
  finished: 'The run ended normally (its last record is the final one)',
  stalled: 'No new record for a while and no final record: the run may have stopped, crashed, or be slow between records',
};

/** "3 dead" / "3 dormant": relu units that never fire are dead, others dormant (DESIGN §3). */
export function neverActiveWord(layer: Pick<HistoryLayer, 'zeroGradientWhenInactive'>): 'dead' | 'dormant' {
  return layer.zeroGradientWhenInactive ? 'dead' : 'dormant';
}

export function unitsText(layer: Pick<HistoryLayer, 'units' | 'unit'>): string {
  const noun = layer.unit === 'channel' ? 'channel' : layer.unit ? 'feature' : 'unit';
  return `${layer.units} ${noun}${layer.units === 1 ? '' : 's'}`;
}

export interface UnitStory {
  rate: number;
  /** Never active at the latest record. */
  never: boolean;
  /** Step of the first record of the current stretch at rate 0 (it has been never-active since), if it is. */
  since: number | null;
  /** Step at which it came back after having been at 0, if it did (the latest such). */
  revivedAt: number | null;
}

/** A unit's rate now, since when it has been never active, or when it came back. */
export function unitStory(history: RunHistory, layer: number, unit: number): UnitStory | null {
  const rows = history.rateRows(layer);
  if (!rows || rows.length === 0 || unit >= rows.width) return null;
  const n = rows.length;
  const rate = rows.value(n - 1, unit);
  let r = n - 1;
  while (r >= 0 && rows.value(r, unit) === 0) r--;
  const never = rate === 0;
  const since = never ? rows.step(r + 1) : null;
  let revivedAt: number | null = null;
  for (let i = 1; i < n; i++) if (rows.value(i - 1, unit) === 0 && rows.value(i, unit) > 0) revivedAt = rows.step(i);
  return { rate, never, since, revivedAt };
}

export function percent(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%` : '—';
}
