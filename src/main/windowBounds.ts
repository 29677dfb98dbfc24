/**
 * Where to reopen the window. Saved bounds can point at a monitor that is no
 * longer attached; then the size is kept and the system places the window.
 */
import type { Rectangle } from './electronApi';

/** How much of the title bar must be on some display for the saved position to count. */
const MIN_VISIBLE = 80;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

export function restoredBounds(
  saved: Rectangle | null,
  workAreas: Rectangle[] | null,
  fallback: { width: number; height: number },
): { x?: number; y?: number; width: number; height: number } {
  if (!saved) return { ...fallback };
  if (!workAreas) return { ...saved };
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 32 };
  const visible = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.width >= MIN_VISIBLE && o.height > 0;
  });
  return visible ? { ...saved } : { width: saved.width, height: saved.height };
}
