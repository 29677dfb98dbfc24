/**
 * One plotly graph div, redrawn in place with Plotly.react. Frames arrive up
 * to 30 per second; the figure is built at most once per animation frame,
 * only while the graph is on screen, and less often when drawing itself is
 * slow, so a busy chart never backs up the UI.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Figure } from './figures/types';
import { GRAPH_CONFIG, loadPlotly, type PlotlyApi, type PlotlyClickPoint, type PlotlyGraphDiv } from './plotly';

export interface PlotlyGraphProps {
  /** Builds the figure to show; called only when a redraw is due. */
  build: () => Figure;
  /** Any change of this value asks for a redraw. */
  revision: unknown;
  onClick?: (point: PlotlyClickPoint) => void;
  testId?: string;
}

export function PlotlyGraph({ build, revision, onClick, testId }: PlotlyGraphProps) {
  const div = useRef<PlotlyGraphDiv>(null);
  const latest = useRef({ build, onClick });
  latest.current = { build, onClick };
  const redraw = useRef<() => void>(() => {});

  useEffect(() => {
    const el = div.current!;
    let plotly: PlotlyApi | null = null;
    let frame = 0;
    let busy = false;
    let dirty = true;
    let visible = true;
    let lastDraw = 0;
    let lastCost = 0;
    let disposed = false;
    let listening = false;

    const schedule = (): void => {
      dirty = true;
      if (!frame && !busy && !disposed) frame = requestAnimationFrame(draw);
    };

    const draw = (now: number): void => {
      frame = 0;
      if (!plotly || !visible || disposed) return;
      // A chart that takes 15 ms to draw is drawn at most every ~25 ms.
      if (now - lastDraw < lastCost * 1.6) {
        frame = requestAnimationFrame(draw);
        return;
      }
      dirty = false;
      busy = true;
      const t0 = performance.now();
      const figure = latest.current.build();
      void plotly.react(el, figure.data, figure.layout, GRAPH_CONFIG).then(() => {
        lastCost = performance.now() - t0;
        lastDraw = performance.now();
        busy = false;
        if (!listening) {
          listening = true;
          el.on('plotly_click', (e) => {
            const p = e.points[0];
            if (p) latest.current.onClick?.(p);
          });
        }
        if (dirty) schedule();
      });
    };

    redraw.current = schedule;
    void loadPlotly().then((p) => {
      plotly = p;
      if (!disposed) schedule();
    });

    const seen = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible && dirty) schedule();
    });
    seen.observe(el);
    const resized = new ResizeObserver(() => {
      if (plotly && listening) plotly.Plots.resize(el);
    });
    resized.observe(el);

    return () => {
      disposed = true;
      cancelAnimationFrame(frame);
      seen.disconnect();
      resized.disconnect();
      plotly?.purge(el);
    };
  }, []);

  useLayoutEffect(() => {
    redraw.current();
  }, [revision]);

  return <div ref={div} className="plotly-graph" data-testid={testId} />;
}
