/** A plotly chart that redraws when its figure changes and follows its box's size. */
import { useEffect, useRef } from 'react';
import { loadPlotly, RESPONSIVE_GRAPH_CONFIG } from '../charts/plotly';
import type { Trace } from './figures';

/** `label`: what the chart shows, its accessible name. */
export function Plot({ data, layout, testId, label }: { data: Trace[]; layout: Record<string, unknown>; testId?: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let cancelled = false;
    void loadPlotly().then((plotly) => {
      if (!cancelled) void plotly.react(el, data, { ...layout, autosize: true }, RESPONSIVE_GRAPH_CONFIG);
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
  return <div ref={ref} className="lab-plot" data-testid={testId} role="img" aria-label={label} />;
}
