/**
 * One plotly graph div, redrawn in place with Plotly.react. Frames arrive up
 * to 30 per second; redraws go through the shared draw queue, the figure is
 * built only when its turn comes (so coalesced frames cost one build), and
 * graphs scrolled out of view wait until they are seen again.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { drawQueue, type DrawJob } from './drawQueue';
import type { Figure } from './figures/types';
import { GRAPH_CONFIG, loadPlotly, type PlotlyApi, type PlotlyClickPoint, type PlotlyGraphDiv } from './plotly';

export interface PlotlyGraphProps {
  /** Builds the figure to show; called only when a redraw is due. */
  build: () => Figure;
  /** Any change of this value asks for a redraw. */
  revision: unknown;
  onClick?: (point: PlotlyClickPoint) => void;
}

export function PlotlyGraph({ build, revision, onClick }: PlotlyGraphProps) {
  const div = useRef<PlotlyGraphDiv>(null);
  const latest = useRef({ build, onClick });
  latest.current = { build, onClick };
  const redraw = useRef<() => void>(() => {});

  useEffect(() => {
    const el = div.current!;
    let plotly: PlotlyApi | null = null;
    let visible = true;
    let stale = true;
    let disposed = false;
    let drawn = false;
    let draws = 0;

    const job: DrawJob = {
      async draw() {
        if (!plotly || disposed) return;
        if (!visible) return; // stays stale; drawn when it scrolls back into view
        stale = false;
        const figure = latest.current.build();
        await plotly.react(el, figure.data, figure.layout, GRAPH_CONFIG);
        // Lets tests and profiling see how often a chart really redraws.
        el.dataset.draws = String(++draws);
        if (!drawn) {
          drawn = true;
          el.on('plotly_click', (e) => {
            const p = e.points[0];
            if (p) latest.current.onClick?.(p);
          });
        }
      },
    };
    const schedule = (): void => {
      stale = true;
      if (plotly && visible) drawQueue.request(job);
    };

    redraw.current = schedule;
    void loadPlotly().then((p) => {
      plotly = p;
      if (!disposed) schedule();
    });

    const seen = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible && stale) schedule();
    });
    seen.observe(el);
    const resized = new ResizeObserver(() => {
      if (plotly && drawn) plotly.Plots.resize(el);
    });
    resized.observe(el);

    return () => {
      disposed = true;
      drawQueue.cancel(job);
      seen.disconnect();
      resized.disconnect();
      plotly?.purge(el);
    };
  }, []);

  useLayoutEffect(() => {
    redraw.current();
  }, [revision]);

  return <div ref={div} className="plotly-graph" />;
}
