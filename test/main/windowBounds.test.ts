import { describe, expect, it } from 'vitest';
import { restoredBounds } from '../../src/main/windowBounds';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const external = { x: 1920, y: 0, width: 2560, height: 1440 };
const fallback = { width: 1440, height: 900 };

describe('restoredBounds', () => {
  it('uses the default size the first time', () => {
    expect(restoredBounds(null, [laptop], fallback)).toEqual(fallback);
  });

  it('reopens where the window was when that place is on a display', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800 };
    expect(restoredBounds(saved, [laptop, external], fallback)).toEqual(saved);
  });

  it('keeps only the size when the display it was on is gone', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800 };
    expect(restoredBounds(saved, [laptop], fallback)).toEqual({ width: 1200, height: 800 });
    expect(restoredBounds({ x: 1900, y: 10, width: 800, height: 600 }, [laptop], fallback)).toEqual({ width: 800, height: 600 });
  });
});
