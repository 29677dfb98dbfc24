/** The centre of the app: layer controls above a live drawing of the network. */
import { useState } from 'react';
import { useElementSize } from '../layout/useElementSize';
import { actions, useApp, useFrameAtMost } from '../store';
import { addHiddenLayer } from '../store/designEdits';
import { networkGeometry } from './geometry';
import { LayerCard } from './LayerCard';
import { Legend } from './Legend';
import { NetworkSvg } from './NetworkSvg';
import { Inspector } from './Inspector';
import { CenterSwitch } from './CenterSwitch';

const MAX_HIDDEN_LAYERS = 12;
/** Unit colours changing ten times a second read as live; the main thread keeps the rest for the charts. */
const NETWORK_FRAMES_PER_SECOND = 10;
/** A stable empty list: a fresh [] from a selector would re-render forever. */
const NO_NAMES: string[] = [];

export function NetworkCanvas() {
  const network = useApp((s) => s.design.present.network);
  const { frame, revivals } = useFrameAtMost(NETWORK_FRAMES_PER_SECOND);
  const selected = useApp((s) => s.selected);
  const featureNames = useApp((s) => s.dataset?.featureNames ?? NO_NAMES);
  const [scrollRef, scrollSize] = useElementSize<HTMLDivElement>();
  const [drawRef, drawSize] = useElementSize<HTMLDivElement>();
  const [addError, setAddError] = useState<string | null>(null);

  const hidden = network.layers.slice(0, -1);
  const output = network.layers[network.layers.length - 1];
  const sizes = [network.inputs, ...network.layers.map((l) => l.units)];
  // Width from the visible area, height from what the layer cards leave of it.
  const geometry = networkGeometry(sizes, scrollSize.width, Math.max(200, drawSize.height));
  const widths = geometry.columnWidths;
  const summary = `${network.inputs} → ${network.layers.map((l) => l.units).join(' → ')} · ${network.loss}`;

  return (
    <section className="canvas-panel" aria-label="Network">
      <div className="canvas-toolbar">
        <CenterSwitch />
        <span className="muted small ellipsis" title={summary}>{summary}</span>
        <span className="spacer" />
        <button
          data-testid="add-layer"
          className="primary-outline"
          disabled={hidden.length >= MAX_HIDDEN_LAYERS}
          onClick={() => setAddError(actions.edit(addHiddenLayer))}
        >
          + Add layer
        </button>
        {addError && <span className="field-error">{addError}</span>}
      </div>
      <div className="canvas-scroll" ref={scrollRef}>
        <div className="canvas-inner" style={{ width: geometry.width }}>
          <div className="layer-row">
            <div className="io-card" style={{ width: widths[0] - 10 }}>
              <div className="layer-title">Input</div>
              <div className="muted small">{network.inputs} feature{network.inputs === 1 ? '' : 's'}</div>
            </div>
            {hidden.map((spec, i) => (
              <LayerCard key={i} index={i} hiddenCount={hidden.length} spec={spec} stats={frame?.layers[i] ?? null} width={widths[i + 1]} />
            ))}
            <div className="io-card" style={{ width: widths[widths.length - 1] - 10 }} data-testid="output-layer">
              <div className="layer-title">Output</div>
              <div className="muted small">{output.units} unit{output.units === 1 ? '' : 's'} · {output.activation.kind}</div>
            </div>
          </div>
          <div className="svg-wrap" ref={drawRef}>
          <NetworkSvg
            geometry={geometry}
            frame={frame}
            revivals={revivals}
            selected={selected}
            inputNames={featureNames}
            onSelect={(unit) => actions.selectUnit(unit)}
          />
          </div>
        </div>
      </div>
      <Legend />
      {selected && <Inspector />}
    </section>
  );
}
