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

/** The share of a graph that must be in view for it to redraw at every frame. */
const VISIBLE_SHARE = 0.25;
const GLIMPSE_INTERVAL_MS = 500;

export interface PlotlyGraphProps {
  /** Builds the figure to show; called only when a redraw is due. */
  build: () => Figure;
  /** Any change of this value asks for a redraw. */
  revision: unknown;
  onClick?: (point: PlotlyClickPoint) => void;
  /** Another chart is enlarged over this one: wait, as if scrolled out of view. */
  covered?: boolean;
}

export function PlotlyGraph({ build, revision, onClick, covered = false }: PlotlyGraphProps) {
  const div = useRef<PlotlyGraphDiv>(null);
  const latest = useRef({ build, onClick, covered });
  latest.current = { build, onClick, covered };
  const redraw = useRef<() => void>(() => {});

  useEffect(() => {
    const el = div.current!;
    let plotly: PlotlyApi | null = null;
    /** Share of the graph in view (the IntersectionObserver's ratio). */
    let share = 1;
    let lastDraw = -Infinity;
    let later = 0;
    let stale = true;
    let disposed = false;
    let drawn = false;
    let draws = 0;
    let drawMs = 0;

    const job: DrawJob = {
      async draw() {
        if (!plotly || disposed) return;
        if (share === 0 || latest.current.covered) return; // stays stale; drawn when seen again
        stale = false;
        const start = performance.now();
        lastDraw = start;
        const figure = latest.current.build();
        await plotly.react(el, figure.data, figure.layout, GRAPH_CONFIG);
        // Lets tests and profiling see how often, and how fast, a chart really redraws.
        el.dataset.draws = String(++draws);
        drawMs += performance.now() - start;
        el.dataset.drawMs = drawMs.toFixed(1);
        if (!drawn) {
          drawn = true;
          el.on('plotly_click', (e) => {
            const p = e.points[0];
            if (p) latest.current.onClick?.(p);
          });
        }
      },
    };
    // A chart of which only a sliver shows (the panel below, scrolled to its
    // header) redraws twice a second, not at every frame: its full redraw
    // would cost as much as a chart in view, for nothing anyone sees.
    const schedule = (): void => {
      stale = true;
      if (!plotly || share === 0 || later) return;
      const wait = share >= VISIBLE_SHARE ? 0 : lastDraw + GLIMPSE_INTERVAL_MS - performance.now();
      if (wait <= 0) drawQueue.request(job);
      else later = window.setTimeout(() => { later = 0; if (stale) schedule(); }, wait);
    };

    redraw.current = schedule;
    void loadPlotly().then((p) => {
      plotly = p;
      if (!disposed) schedule();
    });

    const seen = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      share = entry.isIntersecting ? Math.max(entry.intersectionRatio, Number.MIN_VALUE) : 0;
      if (share >= VISIBLE_SHARE && later) {
        window.clearTimeout(later);
        later = 0;
      }
      if (share > 0 && stale) schedule();
    }, { threshold: [0, VISIBLE_SHARE] });
    seen.observe(el);
    const resized = new ResizeObserver(() => {
      if (plotly && drawn) plotly.Plots.resize(el);
    });
    resized.observe(el);

    return () => {
      disposed = true;
      window.clearTimeout(later);
      drawQueue.cancel(job);
      seen.disconnect();
      resized.disconnect();
      plotly?.purge(el);
    };
  }, []);

  useLayoutEffect(() => {
    redraw.current();
  }, [revision, covered]);

  return <div ref={div} className="plotly-graph" />;
}
