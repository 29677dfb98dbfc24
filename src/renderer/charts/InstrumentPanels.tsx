/** The instrument column: the timeline, then every chart panel (each can be hidden or enlarged). */
import { useEffect, useState } from 'react';
import type { RunHistory } from '../history';
import { ChartPanel, type ChartPanelProps } from './ChartPanel';
import { useChartTheme } from './chartTheme';
import { CHARTS } from './figures';
import type { ChartId, ChartView } from './figures/types';
import { Timeline } from './Timeline';
import './charts.css';

export interface InstrumentPanelsProps {
  history: RunHistory;
  version: number;
  /** Each chart header's export controls. */
  exports?: ChartPanelProps['exports'];
  /** The chart the user last worked with. */
  focusedChart?: ChartId | null;
  onFocusChart?: (view: ChartView) => void;
  onSelectUnit?: (layer: number, unit: number) => void;
}

export function InstrumentPanels({ history, version, exports, focusedChart, onFocusChart, onSelectUnit }: InstrumentPanelsProps) {
  const [upto, setUpto] = useState(Infinity);
  const [hidden, setHidden] = useState<ReadonlySet<ChartId>>(new Set());
  const [enlarged, setEnlarged] = useState<ChartId | null>(null);
  const theme = useChartTheme();

  // A new run starts live; a scrubbed step past the end of a cleared history means nothing.
  useEffect(() => {
    if (history.length === 0) setUpto(Infinity);
  }, [history, version]);

  useEffect(() => {
    if (!enlarged) return;
    const close = (e: KeyboardEvent) => { if (e.key === 'Escape') setEnlarged(null); };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [enlarged]);

  const toggleHidden = (id: ChartId) => setHidden((h) => {
    const next = new Set(h);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <div className="instrument-panels" data-testid="instrument-panels" data-records={history.length}>
      <Timeline history={history} upto={upto} onChange={setUpto} />
      {history.length === 0 && <p className="muted small instruments-empty">Charts fill in as soon as the network has statistics: press Step or Train.</p>}
      {CHARTS.map((spec) => (
        <ChartPanel
          key={spec.id}
          spec={spec}
          history={history}
          version={version}
          upto={upto}
          theme={theme}
          exports={exports}
          focused={focusedChart === spec.id}
          onFocus={onFocusChart}
          hidden={hidden.has(spec.id)}
          enlarged={enlarged === spec.id}
          covered={enlarged !== null && enlarged !== spec.id}
          onToggleHidden={() => toggleHidden(spec.id)}
          onToggleEnlarged={() => setEnlarged((e) => (e === spec.id ? null : spec.id))}
          onSelectUnit={onSelectUnit}
        />
      ))}
    </div>
  );
}
