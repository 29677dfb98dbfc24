/** The view options a chart offers: layer, unit order, histogram mode, log counts. */
import type { RunHistory } from '../history';
import { layerName, layerShortName } from './figures/theme';
import type { HistoryLayer } from '../history';

/** A layer in the selectors: its name, with the short one the heatmap's axes use where they differ ("L2 · features.3"). */
function layerChoice(layer: HistoryLayer): string {
  const short = layerShortName(layer);
  return short === layerName(layer) ? short : `${short} · ${layerName(layer)}`;
}
import type { ChartId, ChartOptions } from './figures/types';

interface Props {
  chart: ChartId;
  history: RunHistory;
  options: ChartOptions;
  onChange: (options: ChartOptions) => void;
}

export function ChartControls({ chart, history, options, onChange }: Props) {
  const set = (patch: Partial<ChartOptions>) => onChange({ ...options, ...patch });
  const layers = history.layers;
  if (chart === 'dead-heatmap') {
    return (
      <div className="chart-controls">
        <select data-testid="heatmap-layer" aria-label="Layer" value={String(options.layer)} onChange={(e) => set({ layer: e.target.value === 'all' ? 'all' : Number(e.target.value) })}>
          <option value="all">All layers</option>
          {layers.map((l, i) => <option key={i} value={i}>{layerChoice(l)}</option>)}
        </select>
        <select data-testid="heatmap-sort" aria-label="Unit order" value={options.sortUnits} onChange={(e) => set({ sortUnits: e.target.value as ChartOptions['sortUnits'] })}>
          <option value="index">by index</option>
          <option value="death">by time of death</option>
        </select>
      </div>
    );
  }
  if (chart === 'histograms') {
    const layer = options.layer === 'all' ? 0 : options.layer;
    return (
      <div className="chart-controls">
        <select data-testid="histogram-layer" aria-label="Layer" value={layer} onChange={(e) => set({ layer: Number(e.target.value) })}>
          {layers.map((l, i) => <option key={i} value={i}>{layerChoice(l)}</option>)}
        </select>
        <select data-testid="histogram-mode" aria-label="View" value={options.histogramMode} onChange={(e) => set({ histogramMode: e.target.value as ChartOptions['histogramMode'] })}>
          <option value="snapshot">at step</option>
          <option value="time">over time</option>
        </select>
        <label className="small"><input type="checkbox" data-testid="histogram-log" checked={options.logCounts} onChange={(e) => set({ logCounts: e.target.checked })} /> log</label>
      </div>
    );
  }
  return null;
}
