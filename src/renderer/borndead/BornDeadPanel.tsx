/**
 * In the builder: the odds that the current architecture and init are born
 * dead (some hidden layer off for every input), and how depth and width
 * change them.
 */
import { useMemo, useState } from 'react';
import { useApp } from '../store';
import { Plot } from '../compare/Plot';
import { computeGrid, estimateBornDead, GRID_DEPTHS, GRID_TRIALS, GRID_WIDTHS, useBornDead } from './bornDeadStore';

const GRID_TRIALS_TEXT = String(GRID_TRIALS);
import { gridFigure } from './gridFigure';
import { Modal } from '../layout/Modal';
import '../lessons/lessons.css';

const DARK = { text: '#e3e7ee', grid: '#2d3440', paper: 'rgba(0,0,0,0)' };
const LIGHT = { text: '#1e2530', grid: '#e3e6ec', paper: '#ffffff' };

export function BornDeadPanel() {
  const estimate = useBornDead((s) => s.estimate);
  const estimating = useBornDead((s) => s.estimating);
  const grid = useBornDead((s) => s.grid);
  const network = useApp((s) => s.design.present.network);
  const theme = useApp((s) => s.theme);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [gridOpen, setGridOpen] = useState(false);
  const hidden = network.layers.slice(0, -1);
  const uniformWidth = hidden.length > 0 && hidden.every((l) => l.units === hidden[0].units) ? hidden[0].units : null;
  const figure = useMemo(
    () => (grid ? gridFigure(grid.cells, GRID_DEPTHS, GRID_WIDTHS, theme === 'dark' ? DARK : LIGHT, uniformWidth ? { depth: hidden.length, width: uniformWidth } : undefined) : null),
    [grid, theme, uniformWidth, hidden.length],
  );
  const first = hidden[0];
  return (
    <section className="panel" aria-label="Born dead" data-testid="born-dead-panel">
      <h2>Born dead?</h2>
      <p className="muted small">
        Chance that a fresh init of this network has a hidden layer that is off for every input (Monte Carlo on the probe set, same numbers as <code>relu-lab born-dead</code>).
      </p>
      <div className="lab-row">
        <button data-testid="born-dead-estimate" disabled={estimating || hidden.length === 0} onClick={() => setRefusal(estimateBornDead())}>Estimate</button>
        {estimate && (
          <span data-testid="born-dead-result" className={estimating ? 'muted' : ''}>
            {(100 * estimate.probability).toFixed(1)} % ± {(100 * estimate.stderr).toFixed(1)}
            <span className="muted small"> ({estimate.done}/{estimate.trials} inits)</span>
          </span>
        )}
      </div>
      {estimating && estimate && <progress className="lab-thin" max={estimate.trials} value={estimate.done} />}
      {refusal && <div className="field-error" role="alert">{refusal}</div>}
      <div className="lab-row" style={{ marginTop: 6 }}>
        <button data-testid="born-dead-grid" disabled={hidden.length === 0} onClick={() => { computeGrid(); setGridOpen(true); }}>Depth × width chart…</button>
      </div>
      {gridOpen && (
        <Modal title="Born-dead odds by depth and width" onClose={() => setGridOpen(false)} className="lab-grid-modal" testId="born-dead-grid-dialog" closeTestId="born-dead-grid-close">
            {first && (
              <p className="muted small">
                Every hidden layer like layer 1 of this network ({first.activation.kind}, {first.init}{first.bias !== null ? `, bias ${first.bias}` : ''}), same data and output layer;
                {' '}{GRID_TRIALS_TEXT} fresh inits per cell. □ marks this network. Deeper is worse, wider is better (Lu et al. 2019).
              </p>
            )}
            {grid?.running && (
              <div className="lab-progress" data-testid="born-dead-grid-progress">
                <progress max={grid.total} value={grid.done} />
                <span className="small muted">{grid.done}/{grid.total} cells</span>
              </div>
            )}
            {grid?.error && <div className="field-error" role="alert">{grid.error}</div>}
            {figure && <div className="lab-grid-plot" data-testid="born-dead-grid-chart"><Plot data={figure.data} layout={figure.layout} label="Born-dead odds by depth and width: a heatmap, one cell per depth and width" /></div>}
        </Modal>
      )}
    </section>
  );
}
