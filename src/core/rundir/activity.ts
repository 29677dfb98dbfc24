/**
 * Whether a run folder is still being written, as the run list and the
 * viewer's banner say it: one rule, so both say the same of the same run.
 */
export type RunActivity = 'live' | 'finished' | 'stalled';

/**
 * A run with no new bytes for this long and no final record is shown as
 * stalled: it may have crashed, been stopped, or be training very slowly
 * between records. It is not an error, and it turns live again on the next
 * record.
 */
export const STALLED_AFTER_MS = 120_000;

export function runActivity(final: boolean, msSinceGrowth: number): RunActivity {
  if (final) return 'finished';
  return msSinceGrowth < STALLED_AFTER_MS ? 'live' : 'stalled';
}
