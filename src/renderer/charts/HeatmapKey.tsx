/** The dying-neuron heatmap's colour key on screen (exports carry plotly's colour bar instead). */
import { DEAD_COLORSCALE } from './figures/deadHeatmap';

const [[, DEAD], ...ALIVE] = DEAD_COLORSCALE;
const GRADIENT = `linear-gradient(to right, ${ALIVE.map(([, c]) => c).join(', ')})`;

/** `crowded`: the panel has fewer pixel rows than units, so some rows are not drawn. */
export function HeatmapKey({ crowded = false }: { crowded?: boolean }) {
  return (
    <div className="heatmap-key small muted" data-testid="heatmap-key">
      <span className="key-item"><span className="swatch" style={{ background: DEAD }} /> dead (rate 0)</span>
      <span className="key-item"><span className="ramp" style={{ background: GRADIENT }} /> activation rate 0 → 1</span>
      {crowded && (
        <span className="key-item" data-testid="heatmap-crowded" title="More units than pixel rows: at this size some rows are not drawn">
          some rows not drawn: enlarge, or sort by death
        </span>
      )}
    </div>
  );
}
