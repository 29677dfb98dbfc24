/**
 * A live chart's legend and axis titles, taken out of its plotly figure to
 * be shown as HTML around the graph. Plotly lays out every piece of text
 * again on each redraw (a legend entry's width, a title pushed clear of each
 * tick label, both measured in the DOM): a third of a line chart's redraw,
 * 20+ times a second. Exports keep plotly's own legend and titles.
 */
import type { Figure, Layout, Trace } from './types';

export interface LegendEntry {
  name: string;
  color: string;
  dash: string;
  /** Entries of one group show and hide together, as plotly's legendgroup. */
  group: string;
  hidden: boolean;
}

/** An axis title and where its axis sits, as fractions of the plot area (0 = bottom/left). */
export interface AxisTitle {
  text: string;
  axis: 'x' | 'y';
  side: 'bottom' | 'left' | 'right';
  /** The axis's extent along its own direction. */
  from: number;
  to: number;
  /** x titles: the height of the line the axis is drawn on (its anchor's domain start). */
  at: number;
}

export interface ChartChrome {
  legend: LegendEntry[];
  /** Two entries a row (the figure asked for a two-column legend). */
  twoColumns: boolean;
  titles: AxisTitle[];
  /** The plot area's margins in pixels, which place the titles. */
  margin: { l: number; r: number; t: number; b: number };
}

const AXIS_KEY = /^([xy])axis(\d*)$/;

/**
 * The figure without legend and axis titles (series in `hiddenGroups`
 * shown as 'legendonly', as a click on plotly's legend would), and what
 * they were, for ChartChrome to draw.
 */
export function takeChrome(figure: Figure, hiddenGroups: ReadonlySet<string>): { figure: Figure; chrome: ChartChrome } {
  const layout: Layout = { ...figure.layout };
  const showLegend = layout.showlegend !== false;
  const legend: LegendEntry[] = [];
  const seen = new Set<string>();
  const data = figure.data.map((trace): Trace => {
    const group = groupOf(trace);
    const hidden = hiddenGroups.has(group);
    if (showLegend && trace.showlegend !== false && typeof trace.name === 'string' && !seen.has(trace.name)) {
      seen.add(trace.name);
      const line = (trace.line ?? {}) as { color?: string; dash?: string };
      const marker = (trace.marker ?? {}) as { color?: unknown };
      legend.push({
        name: trace.name,
        color: line.color ?? (typeof marker.color === 'string' ? marker.color : 'currentColor'),
        dash: line.dash ?? 'solid',
        group,
        hidden,
      });
    }
    return hidden ? { ...trace, visible: 'legendonly' } : trace;
  });
  layout.showlegend = false;

  const titles: AxisTitle[] = [];
  for (const key of Object.keys(layout)) {
    const match = AXIS_KEY.exec(key);
    if (!match) continue;
    const axis = layout[key] as Layout;
    const title = axis.title as { text?: string } | undefined;
    if (!title?.text) continue;
    const letter = match[1] as 'x' | 'y';
    const [from, to] = (axis.domain as [number, number] | undefined) ?? [0, 1];
    titles.push({ text: title.text, axis: letter, side: letter === 'x' ? 'bottom' : axis.side === 'right' ? 'right' : 'left', from, to, at: letter === 'x' ? anchorStart(layout, axis) : 0 });
    layout[key] = { ...axis, title: { ...title, text: '' } };
  }

  const legendLayout = (figure.layout.legend ?? {}) as { entrywidth?: number; entrywidthmode?: string };
  const m = (layout.margin ?? {}) as Partial<ChartChrome['margin']>;
  return {
    figure: { data, layout },
    chrome: {
      legend,
      twoColumns: legendLayout.entrywidthmode === 'fraction' && legendLayout.entrywidth === 0.5,
      titles,
      margin: { l: m.l ?? 80, r: m.r ?? 80, t: m.t ?? 100, b: m.b ?? 80 },
    },
  };
}

function groupOf(trace: Trace): string {
  return typeof trace.legendgroup === 'string' && trace.legendgroup ? trace.legendgroup : String(trace.name ?? '');
}

/** Where an x axis is drawn: the bottom of the y axis it is anchored to (0 for a free or the first one). */
function anchorStart(layout: Layout, axis: Layout): number {
  const anchor = typeof axis.anchor === 'string' ? axis.anchor : 'y';
  const match = /^y(\d*)$/.exec(anchor);
  if (!match) return 0;
  const y = layout[`yaxis${match[1]}`] as Layout | undefined;
  const domain = y?.domain as [number, number] | undefined;
  return domain ? domain[0] : 0;
}

/** A short string that changes whenever what ChartChrome draws changes. */
export function chromeKey(chrome: ChartChrome): string {
  return JSON.stringify(chrome);
}
