/**
 * The heatmap's cells as one picture, for the on-screen chart. Given a
 * heatmap trace, plotly colours every cell through its colour scale and
 * encodes a PNG on each redraw: ~5.5 of the ~14 ms a redraw of the MNIST
 * heatmap takes, 20 times a second. The same colours written here as an
 * uncompressed BMP take about a millisecond, and plotly shows the BMP as a
 * layout image over the cells, pixel for pixel (deadHeatmap.ts).
 */

/** Colour levels between 0 and 1: each cell's colour is within one level (of 255) of plotly's for its exact rate. */
const LEVELS = 4096;
/** BMP file header (14 bytes) and BITMAPV4HEADER (108), then 2 bytes so the pixels start on a 4-byte boundary. */
const PIXELS_AT = 124;

/**
 * Packed little-endian BGRA (what the BMP stores) for every level: entry 0
 * is exactly 0, entry i > 0 the rate i / (LEVELS − 1), interpolated between
 * the scale's stops channel by channel and rounded, as plotly colours a heatmap.
 */
function levels(scale: [number, string][]): Uint32Array {
  const rgb = scale.map(([, hex]) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const lut = new Uint32Array(LEVELS);
  let s = 1;
  for (let i = 0; i < LEVELS; i++) {
    const v = i / (LEVELS - 1);
    while (s < scale.length - 1 && v > scale[s][0]) s++;
    const [a, b] = [scale[s - 1][0], scale[s][0]];
    const t = v <= a ? 0 : v >= b ? 1 : (v - a) / (b - a);
    const [r, g, bl] = [0, 1, 2].map((c) => Math.round(rgb[s - 1][c] + t * (rgb[s][c] - rgb[s - 1][c])));
    lut[i] = (0xff << 24 | r << 16 | g << 8 | bl) >>> 0;
  }
  return lut;
}

const luts = new Map<[number, string][], Uint32Array>();

/**
 * z[row][column] (values in [0, 1]; 0 and only 0 in the scale's first
 * colour) as a `data:image/bmp` URL, row 0 at the top; values that are not
 * numbers are left transparent, as plotly leaves a heatmap's gaps.
 */
export function rateImageSource(z: number[][], scale: [number, string][]): string {
  let lut = luts.get(scale);
  if (!lut) luts.set(scale, (lut = levels(scale)));
  const height = z.length;
  const width = height > 0 ? z[0].length : 0;
  const bytes = new Uint8Array(PIXELS_AT + width * height * 4);
  const header = new DataView(bytes.buffer);
  header.setUint16(0, 0x4d42, true); // "BM"
  header.setUint32(2, bytes.length, true);
  header.setUint32(10, PIXELS_AT, true);
  header.setUint32(14, 108, true);
  header.setInt32(18, width, true);
  header.setInt32(22, -height, true); // negative: top row first
  header.setUint16(26, 1, true); // planes
  header.setUint16(28, 32, true); // bits per pixel
  header.setUint32(30, 3, true); // BI_BITFIELDS: the masks below, alpha included
  header.setUint32(34, width * height * 4, true);
  header.setUint32(54, 0x00ff0000, true);
  header.setUint32(58, 0x0000ff00, true);
  header.setUint32(62, 0x000000ff, true);
  header.setUint32(66, 0xff000000, true);
  header.setUint32(70, 0x73524742, true); // "sRGB"
  const pixels = new Uint32Array(bytes.buffer, PIXELS_AT);
  const top = LEVELS - 1;
  let p = 0;
  for (let r = 0; r < height; r++) {
    const row = z[r];
    for (let c = 0; c < width; c++, p++) {
      const v = row[c];
      // Any rate above 0 gets a living colour, however small (level 1 at least).
      if (v > 0) pixels[p] = lut[v >= 1 ? top : Math.max(1, Math.round(v * top))];
      else if (v <= 0) pixels[p] = lut[0];
    }
  }
  return `data:image/bmp;base64,${base64(bytes)}`;
}

const DIGITS = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/** Base64 written as ASCII bytes and decoded once: btoa would need a string of the bytes first, which took longer than all the rest. */
function base64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3, o += 4) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o] = DIGITS[n >> 18];
    out[o + 1] = DIGITS[(n >> 12) & 63];
    out[o + 2] = DIGITS[(n >> 6) & 63];
    out[o + 3] = DIGITS[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8);
    out[o] = DIGITS[n >> 18];
    out[o + 1] = DIGITS[(n >> 12) & 63];
    out[o + 2] = i + 1 < bytes.length ? DIGITS[(n >> 6) & 63] : 61; // '='
    out[o + 3] = 61;
  }
  return new TextDecoder().decode(out);
}
