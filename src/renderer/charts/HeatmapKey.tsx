/** The dying-neuron heatmap's colour key on screen (exports carry plotly's colour bar instead). */
import { DEAD_COLORSCALE } from './figures/deadHeatmap';

const [[, DEAD], ...ALIVE] = DEAD_COLORSCALE;
const GRADIENT = `linear-gradient(to right, ${ALIVE.map(([, c]) => c).join(', ')})`;

export function HeatmapKey() {
  return (
    <div className="heatmap-key small muted" data-testid="heatmap-key">
      <span className="swatch" style={{ background: DEAD }} /> dead (rate 0)
      <span className="ramp" style={{ background: GRADIENT }} /> activation rate 0 → 1
    </div>
  );
}
