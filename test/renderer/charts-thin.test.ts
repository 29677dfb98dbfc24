import { describe, expect, it } from 'vitest';
import { minMaxThin, thinForScreen } from '../../src/renderer/charts/figures/thin';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('minMaxThin: long lines drawn with about two points per bucket', () => {
  it('leaves short lines as they are', () => {
    expect(minMaxThin([0, 1, 2], [5, 6, 7], 2)).toEqual({ x: [0, 1, 2], y: [5, 6, 7] });
  });

  it('keeps each bucket’s lowest and highest point, in step order, so a spike survives', () => {
    const x = range(1000);
    const y = x.map((i) => (i === 537 ? 1e6 : Math.sin(i / 40)));
    const thin = minMaxThin(x, y, 100);
    expect(thin.x.length).toBeLessThanOrEqual(200);
    expect(thin.y).toContain(1e6);
    expect(thin.x[thin.y.indexOf(1e6)]).toBe(537);
    expect([...thin.x].sort((a, b) => a - b)).toEqual(thin.x);
    // Every kept point is a real recorded point.
    thin.x.forEach((s, i) => expect(thin.y[i]).toBe(y[s]));
  });

  it('keeps a gap (a value a log axis cannot show) as a gap', () => {
    const x = range(100);
    const y: (number | null)[] = x.map((i) => (i >= 40 && i < 60 ? null : 1));
    const thin = minMaxThin(x, y, 10);
    expect(thin.y).toContain(null);
    expect(thin.y.filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });
});

describe('thinForScreen', () => {
  it('thins long scatter lines and leaves heatmaps and bars alone', () => {
    const x = range(5000);
    const figure = {
      data: [
        { type: 'scatter', x, y: x.map((i) => i % 7) },
        { type: 'heatmap', x, z: [x] },
        { type: 'bar', x: [1, 2], y: [3, 4] },
      ],
      layout: {},
    };
    const thin = thinForScreen(figure, 300);
    expect((thin.data[0].x as number[]).length).toBeLessThanOrEqual(600);
    expect(thin.data[1]).toBe(figure.data[1]);
    expect(thin.data[2]).toBe(figure.data[2]);
  });
});
