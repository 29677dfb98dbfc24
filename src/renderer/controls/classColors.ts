/** One colour per class, shared by the data preview and the legend: distinct hues, readable on both themes. */
const HUES = [210, 28, 135, 330, 265, 55, 180, 5, 95, 300];

export function classColor(cls: number): string {
  return `hsl(${HUES[Math.abs(Math.round(cls)) % HUES.length]} 70% 58%)`;
}
