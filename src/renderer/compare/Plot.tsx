/** A plotly chart that redraws when its figure changes and follows its box's size. */
import { useEffect, useRef } from 'react';
import { loadPlotly } from '../charts/plotly';
import type { Trace } from './figures';

export function Plot({ data, layout, testId }: { data: Trace[]; layout: Record<string, unknown>; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cancelled = false;
    void loadPlotly().then((plotly) => {
      if (!cancelled) void plotly.react(el, data, { ...layout, autosize: true }, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['toImage', 'select2d', 'lasso2d'] });
    });
    return () => {
      cancelled = true;
    };
  }, [data, layout]);
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((plotly) => plotly.purge(el));
    };
  }, []);
  return <div ref={ref} className="lab-plot" data-testid={testId} />;
}
