import { describe, expect, it } from 'vitest';
import { spread } from '../../src/core/compare/table';
import { dataFor, deadShare, lessonSpec, measuredEvery, readPreset, runLessonComparison, train } from './presets';

describe('preset dying-lr: learning rate too high', () => {
  it('has this seed 5 % dead at the start, 34 % by step 50 and 39 % at the end, as its text says', async () => {
    const e = readPreset('dying-lr');
    const data = await dataFor(e);
    const { records } = await train(measuredEvery(e, 50), data);
    const at = (step: number): number => deadShare(records.find((r) => r.step === step)!, e);
    expect(at(0)).toBeCloseTo(0.05, 2);
    expect(at(50)).toBeCloseTo(0.34, 2);
    expect(at(600)).toBeCloseTo(0.39, 2);
    // Measuring less often (as these tests do to stay quick) leaves the run as the app trains it: same records at the same steps.
    const app = (await train(e, data)).records;
    expect(app.filter((r) => r.step % 50 === 0)).toEqual(records);
  });

  it('measures its lr comparison as stated: 43.3 ± 3.5 % dead at lr 0.07, 8.5 ± 4.4 % at lr 0.001, the same accuracy', async () => {
    const { spec, byValue } = await runLessonComparison('dying-lr', 0, 50);
    expect(spec).toMatchObject({ variable: 'lr', values: [0.07, 0.001], seeds: 5 });
    const e = readPreset('dying-lr');
    const finalShares = byValue.map((runs) => spread(runs.map((r) => deadShare(r.records.at(-1)!, e)))!);
    // As the table shows them, to a tenth of a percent.
    expect(finalShares[0].mean).toBeCloseTo(0.433, 3);
    expect(finalShares[0].sd).toBeCloseTo(0.035, 3);
    expect(finalShares[1].mean).toBeCloseTo(0.085, 3);
    expect(finalShares[1].sd).toBeCloseTo(0.044, 3);
    // Every seed: about a third of the units are dead within fifty steps at the high rate, and far fewer at the end at the sane one.
    for (let k = 0; k < 5; k++) {
      const fast = byValue[0][k].records;
      expect(deadShare(fast.find((r) => r.step === 50)!, e)).toBeGreaterThan(0.3);
      expect(deadShare(byValue[1][k].records.at(-1)!, e)).toBeLessThan(deadShare(fast.at(-1)!, e) / 2);
    }
    const accuracy = byValue.map((runs) => spread(runs.map((r) => r.summary.final.testAccuracy!))!);
    for (const a of accuracy) expect(a.mean).toBeCloseTo(0.9, 1.5);
  });

  it('compares the variants with the same runs as the rescue lesson, whose test holds their outcome', () => {
    expect(lessonSpec('dying-lr', 1)).toEqual(lessonSpec('rescue-variants', 0));
  });
});
