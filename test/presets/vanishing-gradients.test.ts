import { describe, expect, it } from 'vitest';
import { readPreset, runLessonComparison } from './presets';

describe('preset vanishing-gradients: 10 sigmoid layers against 10 relu layers', () => {
  it('measures what its text states over the comparison\'s five seeds', async () => {
    const sigmoid = readPreset('vanishing-gradients');
    const hidden = sigmoid.network.layers.slice(0, -1);
    expect(hidden).toHaveLength(10);
    for (const l of hidden) expect(l.activation.kind).toBe('sigmoid');
    const { spec, byValue } = await runLessonComparison('vanishing-gradients', 0, 10);
    expect(spec).toMatchObject({ values: [{ kind: 'sigmoid' }, { kind: 'relu' }], seeds: 5 });
    const [sig, relu] = byValue;

    for (const run of sig) {
      const g = run.records[0].layers.map((l) => l.gradNorm);
      // "the first layer's gradient is 40 000 to 110 000 times smaller than the last layer's", shrinking layer after layer
      expect(g.at(-1)! / g[0]).toBeGreaterThan(35_000);
      expect(g.at(-1)! / g[0]).toBeLessThan(120_000);
      for (let l = 0; l + 1 < g.length; l++) expect(g[l]).toBeLessThan(g[l + 1]);
      // "the loss settles at ln 2 ≈ 0.69 and test accuracy stays at chance"
      expect(run.summary.final.loss).toBeCloseTo(Math.LN2, 1.5);
      expect(run.summary.final.testAccuracy).toBeLessThan(0.55);
    }
    for (const run of relu) {
      // "the profile stays within 10× from the last layer to the first"
      const g = run.records[0].layers.map((l) => l.gradNorm);
      expect(Math.max(...g) / Math.min(...g)).toBeLessThan(10);
    }
    // "4 of the 5 seeds learn the moons (90–100 %); the fifth (seed 5) … ends at chance too"
    const learned = relu.filter((r) => r.summary.final.testAccuracy! >= 0.9);
    expect(learned.map((r) => r.seed)).toEqual([4, 6, 7, 8]);
    const seed5 = relu.find((r) => r.seed === 5)!;
    expect(seed5.summary.final.testAccuracy).toBeLessThan(0.55);
    // It learnt first, then a loss spike near step 50 left most of its units dead.
    const before = seed5.records.find((r) => r.step === 0)!;
    const after = seed5.records.at(-1)!;
    expect(seed5.records.some((r) => r.step <= 40 && r.loss < before.loss / 2)).toBe(true);
    const spike = seed5.records.reduce((a, r) => (r.loss > a.loss ? r : a));
    expect(spike.step).toBeGreaterThanOrEqual(40);
    expect(spike.step).toBeLessThanOrEqual(60);
    const dead = (rec: typeof after): number => rec.layers.reduce((a, l) => a + l.deadCount, 0);
    expect(dead(after)).toBeGreaterThan(80);
    expect(dead(before)).toBeLessThan(40);
  });
});
