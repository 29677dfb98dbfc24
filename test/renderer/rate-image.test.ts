import { describe, expect, it } from 'vitest';
import { DEAD_COLORSCALE } from '../../src/renderer/charts/figures/deadHeatmap';
import { rateImageSource } from '../../src/renderer/charts/figures/rateImage';

/** The BMP's size and each pixel as '#rrggbb' (or 'transparent'), top row first. */
function decode(url: string): { width: number; height: number; pixels: string[][] } {
  const [head, data] = url.split(',');
  expect(head).toBe('data:image/bmp;base64');
  const bytes = Buffer.from(data, 'base64');
  expect(bytes.toString('base64')).toBe(data);
  expect(bytes.toString('latin1', 0, 2)).toBe('BM');
  expect(bytes.readUInt32LE(2)).toBe(bytes.length);
  const at = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const height = -bytes.readInt32LE(22);
  expect(bytes.readUInt16LE(28)).toBe(32);
  const pixels = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => {
    const p = at + 4 * (r * width + c);
    const [b, g, red, a] = bytes.subarray(p, p + 4);
    return a === 0 ? 'transparent' : `#${[red, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }));
  return { width, height, pixels };
}

describe('the heatmap drawn as an image', () => {
  it('gives each cell its colour on the dead-neuron scale: grey for exactly 0, the scale\'s stops where rates meet them', () => {
    const { width, height, pixels } = decode(rateImageSource([[0, 0.25, 0.5], [0.75, 1, Number.NaN]], DEAD_COLORSCALE));
    expect([width, height]).toEqual([3, 2]);
    expect(pixels).toEqual([['#6b6f76', '#3b528b', '#21918c'], ['#5ec962', '#fde725', 'transparent']]);
  });

  it('gives the smallest living rate a living colour, far from the dead grey', () => {
    const [[tiny]] = decode(rateImageSource([[1 / 60000]], DEAD_COLORSCALE)).pixels;
    expect(tiny).toBe('#440154');
  });

  it('interpolates between stops channel by channel, as plotly colours a heatmap, to within one level', () => {
    const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    /** Plotly's colour for v: linear in each channel between the stops around it, rounded. */
    const exact = (v: number) => {
      const s = DEAD_COLORSCALE.findIndex(([at]) => at >= v);
      const [[a, from], [b, to]] = [DEAD_COLORSCALE[s - 1], DEAD_COLORSCALE[s]];
      return channels(from).map((c, k) => Math.round(c + ((v - a) / (b - a)) * (channels(to)[k] - c)));
    };
    const rates = Array.from({ length: 500 }, (_, i) => (i + 1) / 500);
    const [row] = decode(rateImageSource([rates], DEAD_COLORSCALE)).pixels;
    row.forEach((hex, i) => channels(hex).forEach((c, k) => expect(Math.abs(c - exact(rates[i])[k])).toBeLessThanOrEqual(1)));
  });

  it('pads nothing for any width (rows of 32-bit pixels), and encodes every length of data', () => {
    for (const width of [1, 2, 3, 5, 64]) {
      const z = Array.from({ length: 7 }, (_, r) => Array.from({ length: width }, (_, c) => ((r * 31 + c * 7) % 11) / 10));
      const { pixels } = decode(rateImageSource(z, DEAD_COLORSCALE));
      expect(pixels.map((row) => row.map((p) => p === '#6b6f76'))).toEqual(z.map((row) => row.map((v) => v === 0)));
    }
  });
});
