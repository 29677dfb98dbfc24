/** The viewer's status line: the run's state, its last record, how much of it has been read. */
import type { RunHistory } from '../history';
import { ACTIVITY_TEXT } from './runFacts';
import { useShownVersion, useViewer } from './viewerStore';

const fmt = (x: number, digits = 4): string => (Number.isFinite(x) ? x.toPrecision(digits) : '—');

/** The latest finite value of a metric: a PyTorch run's final record has no loss of its own. */
function latestFinite(history: RunHistory, metric: 'loss' | 'accuracy'): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const v = history.metric(i, metric);
    if (Number.isFinite(v)) return v;
  }
  return NaN;
}

export function ViewerStatusBar() {
  const run = useViewer((s) => s.run);
  const history = useViewer((s) => s.history);
  useShownVersion();
  const mode = useViewer((s) => s.mode);
  const served = useViewer((s) => s.served);
  if (mode === 'runs' || !run) {
    return (
      <footer className="status-bar">
        <span>{served ? `${served.runs.length} run${served.runs.length === 1 ? '' : 's'} · served by relu-lab serve, read-only` : ''}</span>
        {served?.error && <span className="run-layer-dead">{served.error}</span>}
      </footer>
    );
  }
  const loss = latestFinite(history, 'loss');
  const acc = latestFinite(history, 'accuracy');
  return (
    <footer className="status-bar">
      <span className={`state-dot ${run.activity}`} data-testid="run-state" data-state={run.activity}>{ACTIVITY_TEXT[run.activity]}</span>
      <span data-testid="status-step">{run.lastStep !== null ? `Step ${run.lastStep}` : 'No record yet'} · {run.records} record{run.records === 1 ? '' : 's'} read</span>
      <span data-testid="status-loss">loss {fmt(loss)}{Number.isFinite(acc) ? ` · acc ${(acc * 100).toFixed(1)}%` : ''}</span>
      <span className="spacer" />
      {run.problems.length > 0 && <span className="run-layer-dead">{run.problems.length} problem{run.problems.length === 1 ? '' : 's'} in the files</span>}
    </footer>
  );
}
