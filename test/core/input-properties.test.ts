/**
 * Property tests (fast-check) for what users hand the core: any experiment
 * and any CSV text either loads or is refused with a ValidationError naming
 * the field (the CLI's exit 2, the session's error event) — never another
 * exception, a hang or a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { csvSamples } from '../../src/core/data/csvData';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment, parseExperimentText, serializeExperiment } from '../../src/core/experiment/parse';
import { LOSS_KINDS } from '../../src/core/experiment/types';
import { DivergedError, Trainer } from '../../src/core/train/trainer';
import { base, expectRefusalNamingAField, mutate, mutation } from './hostile-input';

describe('the experiment parser, loader and trainer set-up', () => {
  it('load any mutated experiment or refuse it naming a field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const raw = mutate(mutations);
        try {
          const experiment = parseExperiment(raw);
          // What parses writes back as a file that reads back the same.
          const text = serializeExperiment(experiment);
          expect(serializeExperiment(parseExperimentText(text))).toBe(text);
          const dataset = await loadDataset(experiment.data, experiment.network, experiment.seed);
          // A step may diverge (a huge learning rate is a valid file); nothing else may go wrong.
          const trainer = new Trainer(experiment, dataset);
          try {
            trainer.trainStep();
          } catch (e) {
            if (!(e instanceof DivergedError)) throw e;
          }
        } catch (e) {
          expectRefusalNamingAField(e);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuse any text that is not an experiment, naming the field or the place in the text', () => {
    const json = JSON.stringify(base);
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.json({ maxDepth: 3 }),
      // A valid file cut short, or with a character replaced.
      fc.nat({ max: json.length - 1 }).map((n) => json.slice(0, n)),
      fc.tuple(fc.nat({ max: json.length - 1 }), fc.constantFrom('"', ',', '}', ']', '\u0000', '\n', 'x', '-')).map(([i, c]) => json.slice(0, i) + c + json.slice(i + 1)),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          parseExperimentText(t, 'x.relu.json');
        } catch (e) {
          expectRefusalNamingAField(e);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuse text nested deeper than the call stack, naming where', () => {
    for (const text of ['['.repeat(100_000), '{"a":'.repeat(50_000)]) {
      expect(() => parseExperimentText(text)).toThrow(/^not valid JSON: nesting too deep at line 1 column \d+$/);
    }
  });
});

describe('the CSV reader', () => {
  const cell = fc.oneof(
    fc.constantFrom('1', '-2.5', '3e2', '1e39', '-1e39', '.5', '0x1F', '1,5', 'NaN', 'Infinity', '', ' ', 'a', 'setosa', '"', '""', '"a,b"', '"1\n2"', '\r'),
    fc.double({ noNaN: true }).map(String),
    fc.string({ maxLength: 5 }),
  );
  const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
  const csvText = fc.oneof(
    fc.array(row, { minLength: 0, maxLength: 8 }).chain((rows) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => rows.join(eol))),
    fc.string({ maxLength: 80 }),
    fc.array(row, { minLength: 1, maxLength: 8 }).map((rows) => ['x1,x2,label', ...rows].join('\n')),
  );

  it('reads any text or refuses it naming the line (and column) or the label column', () => {
    fc.assert(
      fc.property(csvText, fc.oneof(fc.constantFrom('label', 'x1', 'nope'), fc.nat({ max: 4 })), fc.constantFrom(...LOSS_KINDS), (text, labelColumn, loss) => {
        try {
          const records = parseCsv(text);
          const samples = csvSamples(text, { kind: 'csv', path: 'd.csv', labelColumn, testFraction: 0 }, loss);
          expect(samples.n).toBe(records.length - 1);
          expect(samples.x.length).toBe(samples.n * samples.inputs);
          expect(samples.x.every(Number.isFinite)).toBe(true);
          if (samples.targets) expect(samples.targets.every(Number.isFinite)).toBe(true);
        } catch (e) {
          expectRefusalNamingAField(e);
        }
      }),
      { numRuns: 500 },
    );
  });
});
