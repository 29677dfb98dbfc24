/**
 * One plotly graph div, redrawn in place with Plotly.react. Frames arrive up
 * to 30 per second; redraws go through the shared draw queue, and the figure
 * is built only when its turn comes (so coalesced frames cost one build).
 * Only a graph at least a quarter in view redraws at every frame; one barely
 * in view, scrolled away or under an enlarged chart redraws every two to
 * three seconds, in frames the charts in view leave free, so its figure
 * (which exports and outside checks read) never lags far behind, and catches
 * up at once when it comes into view.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AxisTitles, ChartLegend } from './ChartChrome';
import { drawQueue, type DrawJob } from './drawQueue';
import { chromeKey, type ChartChrome } from './figures/chrome';
import type { Figure } from './figures/types';
import { GRAPH_CONFIG, loadPlotly, pointerData, sizeKnown, type PlotlyApi, type PlotlyGraphDiv, type PlotPoint } from './plotly';

/** The share of a graph that must be in view for it to redraw at every frame. */
const VISIBLE_SHARE = 0.25;
const UNSEEN_INTERVAL_MS = 2000;

export interface PlotlyGraphProps {
  /** Builds the figure to show; called only when a redraw is due. With `chrome`, its legend and axis titles are drawn here, in HTML. */
  build: () => Figure & { chrome?: ChartChrome };
  /** A click on a legend entry. */
  onToggleSeries?: (group: string) => void;
  /** Any change of this value asks for a redraw. */
  revision: unknown;
  /** A click on the plot, in data coordinates. */
  onClick?: (at: PlotPoint) => void;
  /** A label of the app's own for the point under the pointer (lines separated by \n): plotly labels only traces. */
  hoverText?: (at: PlotPoint) => string | null;
  /** Another chart is enlarged over this one: redraw as if scrolled out of view. */
  covered?: boolean;
  /** The frame's height in px, where the chart needs other than the panels' usual one. */
  height?: number;
}

export function PlotlyGraph({ build, revision, onClick, hoverText, onToggleSeries, covered = false, height }: PlotlyGraphProps) {
  const div = useRef<PlotlyGraphDiv>(null);
  const [chrome, setChrome] = useState<ChartChrome | null>(null);
  const [label, setLabel] = useState<{ text: string; left: number; top: number; flip: boolean } | null>(null);
  const latest = useRef({ build, onClick, hoverText, covered, revision });
  latest.current = { build, onClick, hoverText, covered, revision };
  const redraw = useRef<() => void>(() => {});
  const uncovered = useRef<() => void>(() => {});

  useEffect(() => {
    const el = div.current!;
    let plotly: PlotlyApi | null = null;
    /** Share of the graph in view (the IntersectionObserver's ratio). */
    let share = 1;
    let lastDraw = -Infinity;
    let later = 0;
    let stale = true;
    let disposed = false;
    let draws = 0;
    let drawMs = 0;
    let chromeShown = '';
    /** Where the pointer last moved over the graph, while it is there: the label follows the cell under it as frames redraw. */
    let pointer: { clientX: number; clientY: number } | null = null;
    const pointed = (e: { clientX: number; clientY: number }): void => {
      const text = latest.current.hoverText;
      if (!text) return;
      pointer = { clientX: e.clientX, clientY: e.clientY };
      const at = pointerData(el, e);
      const shown = at && text(at);
      const box = el.getBoundingClientRect();
      const left = e.clientX - box.left;
      setLabel(shown ? { text: shown, left, top: e.clientY - box.top, flip: left > box.width / 2 } : null);
    };
    const gone = (): void => {
      pointer = null;
      setLabel(null);
    };

    const job: DrawJob & { typicalMs?: number } = {
      async draw() {
        if (!plotly || disposed) return;
        stale = false;
        const start = performance.now();
        lastDraw = start;
        const drawing = latest.current.revision;
        const figure = latest.current.build();
        // The config only on the first draw: given again, plotly rebuilds its context, and with it the size reads sizeKnown() spares.
        await plotly.react(el, figure.data, figure.layout, draws === 0 ? GRAPH_CONFIG : undefined);
        if (pointer) pointed(pointer);
        // A re-render only when the text changes (the histograms' step does, every frame).
        const key = figure.chrome ? chromeKey(figure.chrome) : '';
        if (key !== chromeShown) {
          chromeShown = key;
          setChrome(figure.chrome ?? null);
        }
        // Lets tests and profiling see how often, how fast and what a chart really drew (the frame holds the revision wanted).
        el.dataset.draws = String(++draws);
        el.dataset.revision = String(drawing);
        const ms = performance.now() - start;
        drawMs += ms;
        // Smoothed: one draw that a garbage collection lengthened must not keep the chart from sharing its next frame.
        job.typicalMs = job.typicalMs === undefined ? ms : job.typicalMs + (ms - job.typicalMs) / 4;
        el.dataset.drawMs = drawMs.toFixed(1);
        if (draws === 1) sizeKnown(el);
      },
    };
    const seenEnough = (): boolean => share >= VISIBLE_SHARE && !latest.current.covered;
    const schedule = (): void => {
      stale = true;
      if (!plotly || later) return;
      const inView = seenEnough();
      const wait = inView ? 0 : lastDraw + UNSEEN_INTERVAL_MS - performance.now();
      if (wait <= 0) drawQueue.request(job, !inView);
      else later = window.setTimeout(() => { later = 0; if (stale) schedule(); }, wait);
    };
    const catchUp = (): void => {
      if (!seenEnough()) return;
      window.clearTimeout(later);
      later = 0;
      if (stale) schedule();
    };

    redraw.current = schedule;
    uncovered.current = catchUp;
    void loadPlotly().then((p) => {
      plotly = p;
      if (!disposed) schedule();
    });

    const seen = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      share = entry.isIntersecting ? entry.intersectionRatio : 0;
      catchUp();
    }, { threshold: [0, VISIBLE_SHARE] });
    seen.observe(el);
    const clicked = (e: MouseEvent): void => {
      const at = latest.current.onClick && pointerData(el, e);
      if (at) latest.current.onClick!(at);
    };
    el.addEventListener('mousemove', pointed);
    el.addEventListener('mouseleave', gone);
    el.addEventListener('click', clicked);
    const resized = new ResizeObserver(() => {
      if (plotly && draws > 0) plotly.Plots.resize(el);
    });
    resized.observe(el);

    return () => {
      disposed = true;
      window.clearTimeout(later);
      drawQueue.cancel(job);
      seen.disconnect();
      resized.disconnect();
      el.removeEventListener('mousemove', pointed);
      el.removeEventListener('mouseleave', gone);
      el.removeEventListener('click', clicked);
      plotly?.purge(el);
    };
  }, []);

  useLayoutEffect(() => {
    redraw.current();
  }, [revision]);

  useLayoutEffect(() => {
    if (!covered) uncovered.current();
  }, [covered]);

  return (
    <div className="plotly-frame" data-revision={String(revision)} style={height === undefined ? undefined : { height }}>
      {chrome && <ChartLegend chrome={chrome} onToggle={(group) => onToggleSeries?.(group)} />}
      <div className="plotly-holder">
        <div ref={div} className="plotly-graph" />
        {chrome && <AxisTitles chrome={chrome} />}
        {label && (
          <div className={`chart-hover${label.flip ? ' flip' : ''}`} role="tooltip" data-testid="chart-hover" style={{ left: label.left, top: label.top }}>
            {label.text}
          </div>
        )}
      </div>
    </div>
  );
}
