/** Explains the drawing's colours; the wording follows DESIGN §3 (dead vs dormant). */
import { rateColor } from './unitState';

export function Legend() {
  return (
    <div className="legend" data-testid="legend">
      <span className="legend-item">
        <span className="swatch ramp" style={{ background: `linear-gradient(90deg, ${rateColor(0)}, ${rateColor(0.5)}, ${rateColor(1)})` }} />
        activation rate 0 → 100%
      </span>
      <span className="legend-item" title="Never positive on the probe set; relu/relu6 pass no gradient there, so it cannot recover">
        <svg width="16" height="16" aria-hidden><circle cx="8" cy="8" r="7" fill="var(--dead)" /><path className="dead-cross" d="M4.5,4.5L11.5,11.5M11.5,4.5L4.5,11.5" /></svg>
        dead
      </span>
      <span className="legend-item" title="Never positive, but its activation still passes gradient (leaky, elu, …): it can recover">
        <svg width="16" height="16" aria-hidden><circle cx="8" cy="8" r="7" fill="url(#hatch)" className="legend-dormant" /></svg>
        dormant
      </span>
      <span className="legend-item" title="Was dead or dormant earlier in this run and is active again">
        <svg width="16" height="16" aria-hidden><circle cx="8" cy="8" r="6" className="legend-revived" /></svg>
        revived
      </span>
      <span className="legend-item"><span className="swatch line positive" /> w &gt; 0</span>
      <span className="legend-item"><span className="swatch line negative" /> w &lt; 0</span>
    </div>
  );
}
