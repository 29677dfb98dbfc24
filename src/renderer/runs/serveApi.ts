/**
 * The page's side of `relu-lab serve`: whether this page was served by it,
 * and the run list it pushes (checked on arrival: it crosses the network).
 */
import { parseRunList, SERVE_FORMAT, type RunListing } from '../../core/rundir/served';

/** True when `relu-lab serve` sent this page (it answers api/serve); false for any other host. */
export async function servedByReluLab(): Promise<boolean> {
  try {
    const res = await fetch('api/serve', { cache: 'no-store' });
    if (!res.ok) return false;
    const body = (await res.json()) as { format?: unknown };
    return body.format === SERVE_FORMAT;
  } catch {
    return false;
  }
}

/** Follows the run list; returns the function that stops following. */
export function watchRunList(onList: (runs: RunListing[]) => void, onError: (message: string | null) => void): () => void {
  const events = new EventSource('api/runs/events');
  events.addEventListener('runs', (event) => {
    const runs = parseRunList(JSON.parse((event as MessageEvent<string>).data));
    if (runs) {
      onError(null);
      onList(runs);
    }
  });
  events.onerror = () => onError('lost the connection to relu-lab serve; reconnecting…');
  return () => events.close();
}
