/** One colour per class, shared by the data preview and the legend: distinct hues, readable on both themes. */
const HUES = [210, 28, 135, 330, 265, 55, 180, 5, 95, 300];

export function classColor(cls: number): string {
  return `hsl(${HUES[Math.abs(Math.round(cls)) % HUES.length]} 70% 58%)`;
}

/** The same colours as RGB bytes, for image data (HSL at 70 % saturation, 58 % lightness). */
export function classRgb(cls: number): [number, number, number] {
  const h = HUES[Math.abs(Math.round(cls)) % HUES.length] / 360;
  const s = 0.7, l = 0.58;
  const q = l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number): number => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = u < 1 / 6 ? p + (q - p) * 6 * u : u < 1 / 2 ? q : u < 2 / 3 ? p + (q - p) * (2 / 3 - u) * 6 : p;
    return Math.round(v * 255);
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}
