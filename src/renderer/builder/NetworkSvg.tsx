/**
 * The network drawing: links coloured by weight sign and sized by magnitude,
 * units coloured by activation rate, dead/dormant/revived units marked.
 */
import { memo, type MouseEvent, type ReactElement } from 'react';
import type { Frame, LayerFrame } from '../../core/protocol/messages';
import type { RevivalState } from '../store/revivals';
import { linkStyle, maxAbs, rateColor, unitState, type UnitState } from './unitState';
import { anchorY, UNIT_RADIUS, type ColumnGeometry, type NetworkGeometry } from './geometry';
import type { SelectedUnit } from '../store';

/** Above this many links between two columns the drawing shows a bundle instead of single lines. */
const MAX_LINKS = 1200;
const BAND_WIDTH = 22;

interface Props {
  geometry: NetworkGeometry;
  frame: Frame | null;
  revivals: RevivalState;
  selected: SelectedUnit | null;
  inputNames: string[];
  onSelect: (unit: SelectedUnit) => void;
}

export const NetworkSvg = memo(function NetworkSvg({ geometry, frame, revivals, selected, inputNames, onSelect }: Props) {
  const cols = geometry.columns;
  const links: ReactElement[] = [];
  for (let c = 1; c < cols.length; c++) {
    const weight = (c < cols.length - 1 ? frame?.layers[c - 1]?.weight : frame?.outputWeight) ?? null;
    links.push(<Links key={`l${c}`} from={cols[c - 1]} to={cols[c]} weights={weight} columnIndex={c} />);
  }
  return (
    <svg className="network-svg" width={geometry.width} height={geometry.height} role="img" aria-label={diagramLabel(cols.map((c) => c.units), frame)}>
      <defs>
        <pattern id="hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
          <rect width="5" height="5" fill="var(--dormant-bg)" />
          <line x1="0" y1="0" x2="0" y2="5" stroke="var(--dormant)" strokeWidth="2.2" />
        </pattern>
      </defs>
      <g className="links">{links}</g>
      {cols.map((col, c) => {
        if (c === 0) return <InputColumn key="in" col={col} names={inputNames} />;
        if (c === cols.length - 1) return <OutputColumn key="out" col={col} />;
        const layer = frame?.layers[c - 1] ?? null;
        return <HiddenColumn key={`h${c}`} col={col} index={c - 1} layer={layer} revivals={revivals} selected={selected} onSelect={onSelect} />;
      })}
    </svg>
  );
});

/** `weights`: the layer's weight matrix (to.units × from.units), from the latest frame; links are drawn neutral without it. */
function Links({ from, to, weights, columnIndex }: { from: ColumnGeometry; to: ColumnGeometry; weights: Float32Array | null; columnIndex: number }) {
  const x1 = from.x + (from.band ? BAND_WIDTH / 2 : UNIT_RADIUS);
  const x2 = to.x - (to.band ? BAND_WIDTH / 2 : UNIT_RADIUS);
  if (from.units * to.units > MAX_LINKS) {
    // A bundle: a quadrilateral joining the two columns, as wide as they are tall.
    const points = `${x1},${from.top} ${x2},${to.top} ${x2},${to.top + to.height} ${x1},${from.top + from.height}`;
    return <polygon className="link-bundle" points={points} data-testid={`links-${columnIndex}`} />;
  }
  // A frame from before a shape change describes another network.
  const weight = weights && weights.length === from.units * to.units ? weights : null;
  const scale = maxAbs(weight);
  const lines: ReactElement[] = [];
  for (let u = 0; u < to.units; u++) {
    const y2 = anchorY(to, u);
    for (let j = 0; j < from.units; j++) {
      const y1 = anchorY(from, j);
      const i = u * from.units + j;
      if (weight) {
        const s = linkStyle(weight[i], scale);
        lines.push(<line key={i} data-link={i} x1={x1} y1={y1} x2={x2} y2={y2} className={`link ${s.color}`} strokeWidth={s.width} strokeOpacity={s.opacity} />);
      } else {
        lines.push(<line key={i} x1={x1} y1={y1} x2={x2} y2={y2} className="link neutral" />);
      }
    }
  }
  const describe = (e: MouseEvent<SVGGElement>): void => {
    const line = e.target as SVGElement;
    const i = Number(line.getAttribute('data-link') ?? NaN);
    if (weight && i >= 0 && i < weight.length) {
      setTooltip(line, `weight ${(i % from.units) + 1} → ${Math.floor(i / from.units) + 1}: ${weight[i].toPrecision(3)}`);
    }
  };
  return <g data-testid={`links-${columnIndex}`} onMouseOver={describe}>{lines}</g>;
}

/**
 * Tooltips are written when the pointer reaches a link or unit, not with
 * every frame: a <title> on each of ~2,000 links, its text rewritten ten
 * times a second, made the browser's restyles grow to half a second within
 * seconds on 2-32-32-32-3 (and MNIST's 384 units rewrote theirs as often).
 */
function setTooltip(element: Element, text: string): void {
  const title = element.querySelector(':scope > title') ?? element.appendChild(document.createElementNS(SVG_NS, 'title'));
  title.textContent = text;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function InputColumn({ col, names }: { col: ColumnGeometry; names: string[] }) {
  if (col.band) {
    return (
      <g>
        <rect className="band-frame io" x={col.x - BAND_WIDTH / 2} y={col.top} width={BAND_WIDTH} height={col.height} rx={3} />
        <text className="col-caption" x={col.x} y={col.top + col.height + 16}>{col.units} inputs</text>
      </g>
    );
  }
  return (
    <g>
      {Array.from(col.y, (y, u) => (
        <g key={u}>
          <circle className="unit io" cx={col.x} cy={y} r={UNIT_RADIUS} />
          <text className="unit-label" x={col.x - UNIT_RADIUS - 5} y={y + 4} textAnchor="end">{names[u] ?? `x${u + 1}`}</text>
        </g>
      ))}
    </g>
  );
}

function OutputColumn({ col }: { col: ColumnGeometry }) {
  if (col.band) return <rect className="band-frame output" x={col.x - BAND_WIDTH / 2} y={col.top} width={BAND_WIDTH} height={col.height} rx={3} />;
  return <g>{Array.from(col.y, (y, u) => <circle key={u} className="unit output" cx={col.x} cy={y} r={UNIT_RADIUS} />)}</g>;
}

interface HiddenProps {
  col: ColumnGeometry;
  index: number;
  layer: LayerFrame | null;
  revivals: RevivalState;
  selected: SelectedUnit | null;
  onSelect: (unit: SelectedUnit) => void;
}

function HiddenColumn({ col, index, layer, revivals, selected, onSelect }: HiddenProps) {
  // A frame from before a shape change describes another network: draw neutral until the next one.
  const stats = layer && layer.units === col.units ? layer : null;
  const units: ReactElement[] = [];
  for (let u = 0; u < col.units; u++) {
    const state: UnitState | 'unknown' = stats ? unitState(stats, u, revivals) : 'unknown';
    const rate = stats ? stats.activationRate[u] : 0;
    const isSelected = selected?.layer === index && selected.unit === u;
    const tip = (): string => stats
      ? `unit ${u + 1}: active on ${(rate * 100).toFixed(1)}% of probe samples${state === 'dead' ? ' — dead' : state === 'dormant' ? ' — dormant' : state === 'revived' ? ' — revived' : ''}`
      : `unit ${u + 1}`;
    const common = {
      'data-testid': `unit-${index}-${u}`,
      'data-state': state,
      'data-rate': stats ? rate.toFixed(3) : '',
      onClick: () => onSelect({ layer: index, unit: u }),
      onMouseEnter: (e: MouseEvent<SVGElement>) => setTooltip(e.currentTarget, tip()),
    };
    const fill = state === 'dead' ? 'var(--dead)' : state === 'dormant' ? 'url(#hatch)' : state === 'unknown' ? 'var(--unit-idle)' : rateColor(rate);
    const cls = `unit hidden ${state}${isSelected ? ' selected' : ''}`;
    if (col.band) {
      units.push(
        <rect key={u} {...common} className={cls} x={col.x - BAND_WIDTH / 2} y={col.y[u]} width={BAND_WIDTH} height={Math.max(col.cell, 0.5)} fill={fill} />,
      );
    } else {
      units.push(
        <g key={u} {...common} className={cls}>
          <circle cx={col.x} cy={col.y[u]} r={UNIT_RADIUS} fill={fill} />
          {state === 'dead' && (
            <path className="dead-cross" d={`M${col.x - 4},${col.y[u] - 4}L${col.x + 4},${col.y[u] + 4}M${col.x + 4},${col.y[u] - 4}L${col.x - 4},${col.y[u] + 4}`} />
          )}
        </g>,
      );
    }
  }
  return (
    <g>
      {col.band && <rect className="band-frame" x={col.x - BAND_WIDTH / 2 - 1} y={col.top - 1} width={BAND_WIDTH + 2} height={col.height + 2} rx={2} />}
      {units}
    </g>
  );
}

/** The drawing in words (its accessible name): the layers, and how many units are dead or dormant now. */
function diagramLabel(units: number[], frame: Frame | null): string {
  const hidden = units.slice(1, -1);
  const never = frame ? frame.layers.reduce((a, l) => a + l.deadCount, 0) : null;
  return `Network diagram: ${units[0]} inputs, hidden layers of ${hidden.join(', ')} units, ${units[units.length - 1]} outputs; units coloured by how often they fire`
    + (never === null ? '' : `; ${never} of ${hidden.reduce((a, b) => a + b, 0)} hidden units never active now`);
}
