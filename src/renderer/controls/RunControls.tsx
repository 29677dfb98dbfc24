/** Train/Pause, Step, Reset: the run's transport. */
import { actions, useApp } from '../store';

export function RunControls() {
  const state = useApp((s) => s.run.state);
  const loading = useApp((s) => s.loading);
  const running = state === 'running';
  const ready = state !== 'empty' && !loading;
  return (
    <div className="run-controls">
      <button
        className={`train ${running ? 'running' : ''}`}
        data-testid="train-toggle"
        disabled={!ready && !running}
        title="Train / Pause (Space)"
        onClick={actions.toggleTrain}
      >
        {running ? '❚❚ Pause' : state === 'done' || state === 'diverged' ? '↻ Restart' : '▶ Train'}
      </button>
      <button data-testid="step" disabled={!ready || running} title="Train one batch" onClick={() => actions.step(1)}>Step</button>
      <button data-testid="reset" disabled={!ready} title="Re-initialise the weights with the seed" onClick={() => actions.reset()}>Reset</button>
    </div>
  );
}
