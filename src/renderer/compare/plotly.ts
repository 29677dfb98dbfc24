/**
 * plotly, loaded on first use (it is large). The cartesian bundle ships no
 * types; this is the small surface the comparison and born-dead charts use.
 */
export interface PlotlyApi {
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
  toImage(el: HTMLElement, options: { format: 'png' | 'svg'; width: number; height: number; scale?: number }): Promise<string>;
  Plots: { resize(el: HTMLElement): void };
}

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  // @ts-ignore: the dist bundle has no type declarations (the instruments may add their own).
  loading ??= import('plotly.js-cartesian-dist-min').then((m: { default?: PlotlyApi } & PlotlyApi) => m.default ?? m);
  return loading;
}

/** A PNG of a figure drawn off-screen at a fixed export size, light background. */
export async function figurePng(data: unknown[], layout: Record<string, unknown>, width = 1200, height = 700): Promise<Uint8Array> {
  const plotly = await loadPlotly();
  const el = document.createElement('div');
  el.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(el);
  try {
    await plotly.react(el, data, { ...layout, width, height }, { staticPlot: true });
    const url = await plotly.toImage(el, { format: 'png', width, height });
    return dataUrlBytes(url);
  } finally {
    plotly.purge(el);
    el.remove();
  }
}

function dataUrlBytes(url: string): Uint8Array {
  const base64 = url.slice(url.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
