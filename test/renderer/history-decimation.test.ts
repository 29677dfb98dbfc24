import { describe, expect, it } from 'vitest';
import { DecimatedRows } from '../../src/renderer/history';

function fill(rows: DecimatedRows, steps: number): void {
  for (let s = 0; s < steps; s++) rows.values[rows.push(s * 10)] = s;
}

function steps(rows: DecimatedRows): number[] {
  return Array.from({ length: rows.length }, (_, i) => rows.step(i));
}

describe('DecimatedRows', () => {
  it('keeps every row until it is full', () => {
    const rows = new DecimatedRows(1, 8, (n) => new Float64Array(n));
    fill(rows, 8);
    expect(steps(rows)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(rows.sampling).toBe(1);
  });

  it('when full, halves the resolution and still shows the newest row', () => {
    const rows = new DecimatedRows(1, 8, (n) => new Float64Array(n));
    fill(rows, 9);
    expect(steps(rows)).toEqual([0, 20, 40, 60, 80]);
    fill(rows, 0);
    rows.values[rows.push(90)] = 9;
    // 90 lies between stride points: it is shown, then replaced by 100.
    expect(steps(rows)).toEqual([0, 20, 40, 60, 80, 90]);
    rows.values[rows.push(100)] = 10;
    expect(steps(rows)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(rows.value(rows.length - 1, 0)).toBe(10);
  });

  it('stays bounded over a million rows, evenly spaced, first and last kept, steps increasing', () => {
    const rows = new DecimatedRows(2, 2000, (n) => new Float64Array(n));
    let most = 0;
    for (let s = 0; s < 1_000_000; s++) {
      const at = rows.push(s);
      rows.values[at] = s;
      rows.values[at + 1] = -s;
      most = Math.max(most, rows.length);
    }
    expect(most).toBe(2000);
    expect(rows.length).toBeGreaterThanOrEqual(1000);
    expect(rows.step(0)).toBe(0);
    expect(rows.step(rows.length - 1)).toBe(999_999);
    const s = steps(rows);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    // All but the newest row sit on the sampling grid, and each row kept its own values.
    for (let i = 0; i < s.length - 1; i++) expect(s[i] % rows.sampling).toBe(0);
    for (let i = 0; i < s.length; i++) expect(rows.value(i, 1)).toBe(-s[i]);
  });

  it('overwrites a repeated step and refuses a step going back', () => {
    const rows = new DecimatedRows(1, 4, (n) => new Float64Array(n));
    rows.values[rows.push(5)] = 1;
    rows.values[rows.push(5)] = 2;
    expect(rows.length).toBe(1);
    expect(rows.value(0, 0)).toBe(2);
    expect(() => rows.push(4)).toThrow(/step 4 after step 5/);
  });

  it('counts rows up to a step for the timeline', () => {
    const rows = new DecimatedRows(1, 8, (n) => new Float64Array(n));
    fill(rows, 5);
    expect(rows.countUpTo(-1)).toBe(0);
    expect(rows.countUpTo(0)).toBe(1);
    expect(rows.countUpTo(25)).toBe(3);
    expect(rows.countUpTo(Infinity)).toBe(5);
  });
});
