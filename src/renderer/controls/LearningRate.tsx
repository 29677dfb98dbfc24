/** Learning rate: a log-scale slider for feel, a number entry for exact values. */
import { NumberField } from './NumberField';

const LOG_MIN = -5;
const LOG_MAX = 1;

/** Rounds to 2 significant digits so the slider lands on values people write (0.03, not 0.0301995). */
export function sliderToLr(position: number): number {
  return Number((10 ** position).toPrecision(2));
}

export function LearningRate({ value, onCommit }: { value: number; onCommit: (lr: number, mergeKey?: string) => string | null }) {
  const position = Math.log10(Math.max(value, 10 ** LOG_MIN));
  return (
    <div className="lr-control">
      <NumberField label="learning rate" testId="lr" value={value} min={1e-8} max={100} step="any" onCommit={(v) => (v === null ? 'expected a number' : onCommit(v))} />
      <input
        type="range"
        aria-label="learning rate (log scale)"
        data-testid="lr-slider"
        min={LOG_MIN}
        max={LOG_MAX}
        step={0.05}
        value={position}
        onChange={(e) => onCommit(sliderToLr(Number(e.target.value)), 'lr-slider')}
      />
      <div className="range-ticks muted"><span>1e-5</span><span>1e-3</span><span>0.1</span><span>10</span></div>
    </div>
  );
}
