/** Scrubs back through the recorded run: every chart shows the run as it was at the chosen step. */
import type { RunHistory } from '../history';

interface Props {
  history: RunHistory;
  /** Infinity while following the run live. */
  upto: number;
  onChange: (upto: number) => void;
}

export function Timeline({ history, upto, onChange }: Props) {
  const n = history.length;
  const live = !Number.isFinite(upto);
  const index = live ? n - 1 : Math.max(0, history.countUpTo(upto) - 1);
  const step = n > 0 ? history.step(index) : 0;
  return (
    <div className="timeline" data-testid="timeline-bar">
      <input
        type="range"
        data-testid="timeline"
        aria-label="Timeline"
        min={0}
        max={Math.max(0, n - 1)}
        value={Math.max(0, index)}
        disabled={n < 2}
        onChange={(e) => {
          const i = Number(e.target.value);
          onChange(i >= n - 1 ? Infinity : history.step(i));
        }}
      />
      <span className="timeline-step small" data-testid="timeline-step" data-step={step}>step {step}</span>
      <button data-testid="timeline-live" className={live ? 'live on' : 'live'} disabled={live} onClick={() => onChange(Infinity)} title="Show the latest record, and follow new ones as they come">
        ⇥ Latest
      </button>
    </div>
  );
}
