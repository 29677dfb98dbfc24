/** Chart pictures for slides and papers: the export figure rendered by plotly at a chosen scale. */
import type { Figure } from '../charts/figures/types';
import type { PlotlyApi } from '../charts/plotly';

export const IMAGE_SIZE = { width: 960, height: 560 };

/** Bytes of a `data:` URL, base64 or percent-encoded (plotly returns SVG percent-encoded). */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) throw new Error('expected a data: URL from Plotly.toImage');
  const body = url.slice(comma + 1);
  if (url.slice(0, comma).endsWith(';base64')) {
    const bin = atob(body);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  return new TextEncoder().encode(decodeURIComponent(body));
}

export async function renderImage(plotly: PlotlyApi, figure: Figure, format: 'png' | 'svg', scale: number, size = IMAGE_SIZE): Promise<Uint8Array> {
  const { width, height } = size;
  const url = await plotly.toImage(
    { data: figure.data, layout: { ...figure.layout, width, height }, config: { staticPlot: true } },
    { format, width, height, scale: format === 'png' ? scale : 1 },
  );
  return dataUrlBytes(url);
}
