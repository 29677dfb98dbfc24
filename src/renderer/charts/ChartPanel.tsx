/** One instrument: header (title, view options, exports, hide, enlarge) over its live plotly graph. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RunHistory } from '../history';
import { ChartControls } from './ChartControls';
import { HeatmapKey } from './HeatmapKey';
import { heatmapCellAt, screenHeatmapHeight, type HeatmapRows } from './figures/deadHeatmap';
import type { ChartSpec } from './figures';
import { takeChrome } from './figures/chrome';
import { thinForScreen } from './figures/thin';
import { DEFAULT_OPTIONS, type ChartOptions, type ChartTheme, type ChartView } from './figures/types';
import type { PlotPoint } from './plotly';
import { PlotlyGraph } from './PlotlyGraph';

export interface ChartPanelProps {
  spec: ChartSpec;
  history: RunHistory;
  version: number;
  upto: number;
  theme: ChartTheme;
  /** The header's export controls for this chart (the charts know nothing of files). */
  exports?: (view: () => ChartView) => ReactNode;
  hidden: boolean;
  enlarged: boolean;
  /** Another chart is enlarged over this one. */
  covered: boolean;
  /** This is the chart the user last worked with (the menu's exports save it). */
  focused?: boolean;
  /** Called when the user works with this chart, and when the focused chart's view changes. */
  onFocus?: (view: ChartView) => void;
  onToggleHidden: () => void;
  onToggleEnlarged: () => void;
  onSelectUnit?: (layer: number, unit: number) => void;
}

export function ChartPanel(p: ChartPanelProps) {
  const [options, setOptions] = useState<ChartOptions>(DEFAULT_OPTIONS);
  // Series hidden from the legend, by legend group; kept across frames and runs like plotly's own toggles.
  const [hiddenSeries, setHiddenSeries] = useState<ReadonlySet<string>>(() => new Set());
  // Which unit each heatmap row shows, as last drawn: a click maps back through it.
  const rows = useRef<HeatmapRows[]>([]);
  const { spec, history, upto, theme } = p;

  const build = useCallback(() => {
    const figure = spec.build({ history, upto, options, theme, title: null });
    if ('rows' in figure) rows.current = figure.rows as HeatmapRows[];
    const { figure: bare, chrome } = takeChrome(thinForScreen(figure), hiddenSeries);
    return { ...bare, chrome };
  }, [spec, history, upto, options, theme, hiddenSeries]);

  const toggleSeries = useCallback((group: string) => {
    setHiddenSeries((hidden) => {
      const next = new Set(hidden);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  }, []);

  const onClick = (at: PlotPoint) => {
    const cell = heatmapCellAt(rows.current, at);
    if (cell) p.onSelectUnit?.(cell.layer, cell.unit);
  };
  const cellText = (at: PlotPoint) => heatmapCellAt(rows.current, at)?.text ?? null;

  const heatmapSize = spec.id === 'dead-heatmap' && !p.enlarged ? screenHeatmapHeight(history.layers.map((l) => l.units), options.layer, window.devicePixelRatio) : null;
  const view = (): ChartView => ({ chart: spec.id, upto, options });
  const { focused, onFocus } = p;
  // The focused chart's record follows what it shows (a scrubbed timeline, a new layer picked).
  useEffect(() => {
    if (focused) onFocus?.({ chart: spec.id, upto, options });
  }, [focused, onFocus, spec.id, upto, options]);
  return (
    <section
      onPointerDownCapture={() => onFocus?.(view())}
      onFocusCapture={() => onFocus?.(view())}
      className={`chart-panel${p.enlarged ? ' enlarged' : ''}${p.hidden ? ' collapsed' : ''}`}
      data-testid={`chart-${spec.id}`}
      aria-label={spec.title}
    >
      <header className="chart-header">
        <button className="chart-title" aria-expanded={!p.hidden} data-testid={`toggle-${spec.id}`} title={p.hidden ? 'Show' : 'Hide'} onClick={p.onToggleHidden}>
          <span aria-hidden>{p.hidden ? '▸' : '▾'}</span> {spec.title}
        </button>
        {!p.hidden && <ChartControls chart={spec.id} history={history} options={options} onChange={setOptions} />}
        <span className="chart-spacer" />
        {!p.hidden && p.exports?.(view)}
        <button className="icon" data-testid={`enlarge-${spec.id}`} title={p.enlarged ? 'Back to the panel (Esc)' : 'Enlarge'} onClick={p.onToggleEnlarged}>
          {p.enlarged ? '✕' : '⤢'}
        </button>
      </header>
      {!p.hidden && spec.id === 'dead-heatmap' && <HeatmapKey crowded={heatmapSize?.crowded} />}
      {!p.hidden && (
        <PlotlyGraph
          build={build}
          revision={`${p.version}|${upto}|${JSON.stringify(options)}|${p.enlarged}|${theme.text}|${[...hiddenSeries].join(',')}`}
          onClick={spec.id === 'dead-heatmap' ? onClick : undefined}
          hoverText={spec.id === 'dead-heatmap' ? cellText : undefined}
          onToggleSeries={toggleSeries}
          covered={p.covered}
          height={heatmapSize?.height}
        />
      )}
    </section>
  );
}
