/**
 * The viewer's network area: the watched layers in forward order, each by
 * its module name, activation and width, its units as a strip of cells
 * coloured by activation rate at the latest record — never-active ones grey
 * (dead) or violet (dormant), revived ones ringed — wrapping as wide as the
 * panel allows (a 512-channel layer is a strip of cells, not 512 circles).
 * Hover names a cell; a click shows that unit's rate over time.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { layerName, unitLabel } from '../charts/figures/theme';
import type { HistoryLayer, RunHistory } from '../history';
import { rateColor } from '../builder/unitState';
import { useApp } from '../store';
import { neverActiveWord, percent, unitsText } from './runFacts';
import { selectRunUnit, useShownVersion, useViewer } from './viewerStore';

/** Redraws a second at most: records arrive every few seconds in a real run, in bursts while a folder loads. */
const DRAWS_PER_SECOND = 4;

function cellSize(units: number): number {
  if (units <= 32) return 18;
  if (units <= 128) return 11;
  if (units <= 1024) return 7;
  return 4;
}

interface Palette {
  dead: string;
  dormant: string;
  revived: string;
  selected: string;
  empty: string;
}

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { dead: v('--dead'), dormant: v('--dormant'), revived: v('--revived'), selected: v('--accent-2'), empty: v('--panel-2') };
}

interface Geometry {
  size: number;
  gap: number;
  columns: number;
  rows: number;
}

function geometry(units: number, width: number): Geometry {
  const size = cellSize(units);
  const gap = size >= 10 ? 2 : 1;
  const columns = Math.max(1, Math.min(units, Math.floor((width + gap) / (size + gap))));
  return { size, gap, columns, rows: Math.ceil(units / columns) };
}

const LayerStrip = memo(function LayerStrip({ history, layer, l, width, version, everNever }: { history: RunHistory; layer: HistoryLayer; l: number; width: number; version: number; everNever: Uint8Array | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const selected = useViewer((s) => (s.selectedUnit?.layer === l ? s.selectedUnit.unit : null));
  const theme = useApp((s) => s.theme);
  const [hover, setHover] = useState<string | null>(null);
  const g = geometry(layer.units, width);
  const rows = history.rateRows(l);
  const n = rows?.length ?? 0;

  useLayoutEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const w = g.columns * (g.size + g.gap) - g.gap;
    const h = g.rows * (g.size + g.gap) - g.gap;
    c.width = Math.round(w * ratio);
    c.height = Math.round(h * ratio);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const p = palette();
    const never = layer.zeroGradientWhenInactive ? p.dead : p.dormant;
    for (let u = 0; u < layer.units; u++) {
      const x = (u % g.columns) * (g.size + g.gap);
      const y = Math.floor(u / g.columns) * (g.size + g.gap);
      const rate = n > 0 ? rows.value(n - 1, u) : NaN;
      ctx.fillStyle = Number.isNaN(rate) ? p.empty : rate === 0 ? never : rateColor(rate);
      ctx.fillRect(x, y, g.size, g.size);
      if (rate > 0 && everNever?.[u]) {
        ctx.strokeStyle = p.revived;
        ctx.lineWidth = g.size >= 10 ? 2 : 1;
        ctx.strokeRect(x + 0.5, y + 0.5, g.size - 1, g.size - 1);
      }
      if (u === selected) {
        ctx.strokeStyle = p.selected;
        ctx.lineWidth = 2;
        ctx.strokeRect(x - 1, y - 1, g.size + 2, g.size + 2);
      }
    }
    // Redrawn when the shown version moves (not at every record read), the selection or the theme changes.
  }, [layer, g.size, g.gap, g.columns, g.rows, version, selected, theme, everNever]);

  const unitAt = (e: React.MouseEvent<HTMLCanvasElement>): number | null => {
    const r = e.currentTarget.getBoundingClientRect();
    const col = Math.floor((e.clientX - r.left) / (g.size + g.gap));
    const row = Math.floor((e.clientY - r.top) / (g.size + g.gap));
    const u = row * g.columns + col;
    return col >= 0 && col < g.columns && u >= 0 && u < layer.units ? u : null;
  };

  const describe = (u: number): string => {
    const rate = n > 0 ? rows.value(n - 1, u) : NaN;
    const state = Number.isNaN(rate) ? 'no units line yet' : rate === 0 ? `never active: ${neverActiveWord(layer)}` : `active on ${percent(rate)} of the probe${everNever?.[u] ? ' (revived)' : ''}`;
    return `${unitLabel(layer, u)} · ${state}`;
  };

  return (
    <div className="run-strip">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${layerName(layer)}: activation rate of each of its ${unitsText(layer)} at the latest record; click a cell for its rate over time`}
        data-testid={`run-strip-${l}`}
        onMouseMove={(e) => {
          const u = unitAt(e);
          setHover(u === null ? null : describe(u));
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const u = unitAt(e);
          if (u !== null) selectRunUnit({ layer: l, unit: u });
        }}
      />
      <div className="run-strip-hover small muted" aria-live="off">{hover ?? '\u00a0'}</div>
    </div>
  );
});

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The history's version as the views draw it (useShownVersion), but at most DRAWS_PER_SECOND new ones a second (the last one always arrives). */
function useThrottledVersion(): number {
  const version = useShownVersion();
  const [shown, setShown] = useState(version);
  useEffect(() => {
    if (version === shown) return;
    const timer = window.setTimeout(() => setShown(version), 1000 / DRAWS_PER_SECOND);
    return () => window.clearTimeout(timer);
  }, [version, shown]);
  return shown;
}

export function RunLayers() {
  const history = useViewer((s) => s.history);
  const everNever = useViewer((s) => s.everNever);
  const version = useThrottledVersion();
  const [ref, width] = useWidth<HTMLDivElement>();
  const n = history.length;
  const layers = history.layers;
  return (
    <div className="run-layers" ref={ref} data-testid="run-layers" data-version={version}>
      {layers.length === 0 && <p className="muted small">The watched layers show here as soon as the run's description (run.json) or its first record is read.</p>}
      {layers.map((layer, l) => {
        const dead = n > 0 ? history.layerMetric(n - 1, l, 'deadCount') : NaN;
        const sparsity = n > 0 ? history.layerMetric(n - 1, l, 'inactiveFraction') : NaN;
        return (
          <section key={l} className="run-layer" aria-label={layerName(layer)} data-testid={`run-layer-${l}`} data-dead={Number.isFinite(dead) ? dead : ''}>
            <header className="run-layer-head">
              <span className="run-layer-name" title={layerName(layer)}>{layerName(layer)}</span>
              <span className="state-pill" title="activation">{layer.activation}</span>
              <span className="muted small">{unitsText(layer)}</span>
              <span className="spacer" />
              <span className={`small ${dead > 0 ? 'run-layer-dead' : 'muted'}`} data-testid={`run-layer-dead-${l}`}>
                {Number.isFinite(dead) ? `${dead} ${neverActiveWord(layer)}` : '—'}
              </span>
              <span className="small muted" title="share of (probe sample, unit) pairs with pre-activation ≤ 0">sparsity {percent(sparsity)}</span>
            </header>
            <LayerStrip history={history} layer={layer} l={l} width={width - 2} version={version} everNever={everNever[l]} />
          </section>
        );
      })}
    </div>
  );
}
