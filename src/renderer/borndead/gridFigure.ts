/** The born-dead depth × width heatmap as a plain plotly figure. */
import type { GridCell } from '../../core/compare/grid';

export function gridFigure(cells: readonly GridCell[], depths: readonly number[], widths: readonly number[], theme: { text: string; grid: string; paper: string }, mark?: { depth: number; width: number }) {
  const z = depths.map((d) => widths.map((w) => cells.find((c) => c.depth === d && c.width === w)?.probability ?? null));
  const text = z.map((row) => row.map((p) => (p === null ? '' : `${Math.round(100 * p)}%`)));
  const data: Record<string, unknown>[] = [{
    type: 'heatmap',
    x: widths.map(String),
    y: depths.map(String),
    z,
    text,
    texttemplate: '%{text}',
    zmin: 0,
    zmax: 1,
    colorscale: [[0, '#1f6f4a'], [0.5, '#e3b341'], [1, '#b8323c']],
    colorbar: { title: { text: 'P(born dead)' }, tickformat: '.0%', thickness: 10 },
    hovertemplate: 'depth %{y}, width %{x}: %{z:.1%}<extra></extra>',
  }];
  if (mark && depths.includes(mark.depth) && widths.includes(mark.width)) {
    data.push({ type: 'scatter', mode: 'markers', x: [String(mark.width)], y: [String(mark.depth)], marker: { symbol: 'square-open', size: 26, color: theme.text, line: { width: 2 } }, hoverinfo: 'skip', showlegend: false });
  }
  return {
    data,
    layout: {
      paper_bgcolor: theme.paper,
      plot_bgcolor: theme.paper,
      font: { color: theme.text, size: 10 },
      margin: { l: 44, r: 8, t: 8, b: 36 },
      xaxis: { title: { text: 'width (units per hidden layer)' }, type: 'category' },
      yaxis: { title: { text: 'depth (hidden layers)' }, type: 'category' },
    },
  };
}
