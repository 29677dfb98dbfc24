/**
 * A live chart's legend (above the graph; a click shows or hides a series,
 * as plotly's legend does) and its axis titles, placed over the graph's
 * margins where plotly would have drawn them. See figures/chrome.ts.
 */
import type { CSSProperties } from 'react';
import type { AxisTitle, ChartChrome } from './figures/chrome';

const DASHES: Record<string, string> = { solid: 'none', dash: '6 3', dot: '2 3', dashdot: '6 3 2 3' };

export function ChartLegend({ chrome, onToggle }: { chrome: ChartChrome; onToggle: (group: string) => void }) {
  if (chrome.legend.length === 0) return null;
  return (
    <div className={`chart-legend${chrome.twoColumns ? ' two-columns' : ''}`} role="group" aria-label="Series">
      {chrome.legend.map((entry) => (
        <button
          key={entry.name}
          className={`legend-entry${entry.hidden ? ' off' : ''}`}
          aria-pressed={!entry.hidden}
          title={entry.hidden ? 'Show this series' : 'Hide this series'}
          onClick={() => onToggle(entry.group)}
        >
          <svg width="22" height="8" aria-hidden>
            <line x1="1" y1="4" x2="21" y2="4" stroke={entry.color} strokeWidth="2" strokeDasharray={DASHES[entry.dash] ?? 'none'} />
          </svg>
          {entry.name}
        </button>
      ))}
    </div>
  );
}

export function AxisTitles({ chrome }: { chrome: ChartChrome }) {
  return (
    <>
      {chrome.titles.map((title) => (
        <span key={`${title.axis}:${title.side}:${title.from}`} className={`axis-title ${title.side}`} style={placement(title, chrome.margin)}>
          {title.text}
        </span>
      ))}
    </>
  );
}

/** CSS for a title: fractions of the plot area (the graph minus its margins) become calc()s. */
function placement(title: AxisTitle, m: ChartChrome['margin']): CSSProperties {
  const plotW = `(100% - ${m.l + m.r}px)`;
  const plotH = `(100% - ${m.t + m.b}px)`;
  if (title.axis === 'x') {
    return {
      left: `calc(${m.l}px + ${plotW} * ${title.from})`,
      width: `calc(${plotW} * ${title.to - title.from})`,
      // Below the axis line and its tick labels.
      top: `calc(${m.t}px + ${plotH} * ${1 - title.at} + 17px)`,
    };
  }
  return {
    top: `calc(${m.t}px + ${plotH} * ${1 - title.to})`,
    height: `calc(${plotH} * ${title.to - title.from})`,
  };
}
