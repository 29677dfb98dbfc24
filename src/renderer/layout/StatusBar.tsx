/** Step, epoch, speed, loss and progress of the run. */
import { useApp } from '../store';

const fmt = (x: number | null | undefined, digits = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toPrecision(digits));

export function StatusBar() {
  const run = useApp((s) => s.run);
  const frame = useApp((s) => s.frame);
  const loading = useApp((s) => s.loading);
  const progress = run.totalSteps > 0 ? Math.min(1, run.step / run.totalSteps) : 0;
  const state = loading ? 'loading' : run.state;
  return (
    <footer className="status-bar">
      <span className={`state-dot ${state}`} data-testid="run-state" data-state={state}>{state}</span>
      <span data-testid="status-step">Step {run.step} · epoch {run.epoch.toFixed(2)} · {Math.round(run.samplesPerSecond)} samples/s</span>
      <span data-testid="status-loss" data-loss={frame ? frame.loss : ''}>
        loss {fmt(frame?.loss)}{frame?.accuracy !== null && frame?.accuracy !== undefined ? ` · acc ${(frame.accuracy * 100).toFixed(1)}%` : ''}
        {frame?.testLoss !== null && frame?.testLoss !== undefined ? ` · test loss ${fmt(frame.testLoss)}` : ''}
        {frame?.testAccuracy !== null && frame?.testAccuracy !== undefined ? ` · test acc ${(frame.testAccuracy * 100).toFixed(1)}%` : ''}
      </span>
      <span className="spacer" />
      {run.totalSteps > 0 && (
        <span className="progress" title={`${run.step} / ${run.totalSteps} steps`}>
          <progress data-testid="progress" max={run.totalSteps} value={run.step} />
          <span className="small">{Math.round(progress * 100)}%</span>
        </span>
      )}
    </footer>
  );
}
