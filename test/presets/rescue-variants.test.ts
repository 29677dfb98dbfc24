import { describe, expect, it } from 'vitest';
import { applyValue } from '../../src/core/compare/plan';
import { spread } from '../../src/core/compare/table';
import { deadShare, lessonSpec, readPreset, runLessonComparison } from './presets';

describe('preset rescue-variants: leaky relu, prelu and elu at the dying-lr rate', () => {
  it('is the dying-lr experiment with prelu hidden layers', () => {
    const dyingLr = readPreset('dying-lr');
    const rescue = readPreset('rescue-variants');
    const spec = lessonSpec('rescue-variants', 0);
    if (spec.variable !== 'activation') throw new Error('the rescue lesson compares activations');
    const expected = applyValue(dyingLr, spec, spec.values.findIndex((v) => v.kind === 'prelu'));
    expect(rescue.network).toEqual(expected.network);
    expect(rescue.training).toEqual(expected.training);
    expect(rescue.seed).toBe(expected.seed);
  });

  it('measures what its text states, over the comparison\'s five seeds', async () => {
    const { spec, byValue } = await runLessonComparison('rescue-variants', 0, 10);
    expect(spec).toMatchObject({ variable: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky-relu', alpha: 0.01 }, { kind: 'prelu', alpha: 0.25 }, { kind: 'elu' }], seeds: 5 });
    const e = readPreset('rescue-variants');
    const curves = byValue.map((runs) => runs.map((r) => r.records.map((rec) => deadShare(rec, e))));
    const finals = curves.map((runs) => runs.map((c) => c.at(-1)!));
    const [relu, leaky, prelu, elu] = finals.map((f) => spread(f)!);
    // "ReLU 43.3 ± 3.5 %, Leaky ReLU 34.4 ± 1.9 %, PReLU 30.6 ± 2.8 %, ELU 12.7 ± 7.0 %", as the table shows them
    for (const [measured, mean, sd] of [[relu, 0.433, 0.035], [leaky, 0.344, 0.019], [prelu, 0.306, 0.028], [elu, 0.127, 0.07]] as const) {
      expect(measured.mean).toBeCloseTo(mean, 3);
      expect(measured.sd).toBeCloseTo(sd, 3);
    }
    for (let k = 0; k < 5; k++) {
      const [r, l, p, el] = finals.map((f) => f[k]);
      // ELU keeps the fewest, every seed; each variant fewer than relu.
      expect(el).toBeLessThan(Math.min(l, p));
      expect(Math.max(l, p)).toBeLessThan(r);
      // Leaky ReLU's dormant units recover, slowly: the share falls from its peak, by a few points.
      const leakyPeak = Math.max(...curves[1][k]);
      expect(l).toBeLessThan(leakyPeak);
      expect(leakyPeak - l).toBeLessThan(0.1);
    }
    // "about 5 points from its peak", on average
    expect(spread(curves[1].map((c) => Math.max(...c) - c.at(-1)!))!.mean).toBeCloseTo(0.05, 1.7);
    // "Test accuracy is about 90 % for all four."
    for (const runs of byValue) {
      expect(runs.every((r) => r.summary.diverged === null)).toBe(true);
      expect(spread(runs.map((r) => r.summary.final.testAccuracy!))!.mean).toBeCloseTo(0.9, 1.3);
    }
    // "PReLU's α falls from 0.25 to near 0 (between −0.12 and 0.15)."
    const alphas = byValue[2].flatMap((r) => r.finalAlpha);
    expect(alphas).toHaveLength(15);
    for (const a of alphas) {
      expect(a).toBeGreaterThanOrEqual(-0.12);
      expect(a).toBeLessThanOrEqual(0.15);
    }
  });
});
