/** Train/Pause, Step, Reset: the run's transport, and how fast it plays. */
import { actions, useApp } from '../store';

/** Steps per second offered by the speed control; 0 is full speed. */
export const SPEEDS = [0, 2000, 500, 200, 50, 10, 2] as const;

function speedLabel(sps: number): string {
  return sps === 0 ? 'full speed' : `${sps} steps/s`;
}

export function RunControls() {
  const state = useApp((s) => s.run.state);
  const loading = useApp((s) => s.loading);
  const speed = useApp((s) => s.speed);
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
      <label className="speed" title="Slow training down to watch units die step by step">
        speed
        <select data-testid="speed" value={speed} onChange={(e) => actions.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((sps) => (
            <option key={sps} value={sps}>{speedLabel(sps)}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
