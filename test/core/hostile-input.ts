/**
 * Hostile and careless input for the property tests: values at the edges of
 * every range and of the wrong type, mutations of a valid experiment, and
 * the check that a refusal names its field.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { ValidationError } from '../../src/core/experiment/errors';

/** A field path (`network.layers[1].activation.alpha`, `weights.layers[0].weight[2][1]`) or a CSV place (`data.csv line 3, column "x"`). */
export const FIELD = /^(([A-Za-z_$][\w$]*|\[".*"\])(\.[A-Za-z_$][\w$]*|\[\d+\]|\[".*"\])*|data\.csv( line \d+(, column ".*")?| column ".*")?)$/s;

export function expectRefusalNamingAField(error: unknown): void {
  if (!(error instanceof ValidationError)) throw error;
  // A JSON syntax error names its place in the text instead of a field; a file that is not an object, the file.
  if (error.path === '') expect(error.message).toMatch(/^(not valid JSON: .* at line \d+ column \d+|expected an object, got )/s);
  else expect(error.path).toMatch(FIELD);
  expect(error.expected.length).toBeGreaterThan(0);
}

export const base = {
  format: 'relu-lab/experiment@1',
  name: 'property',
  seed: 3,
  data: { kind: 'moons', samples: 60, noise: 0.1, testFraction: 0.2 },
  network: {
    inputs: 2,
    layers: [
      { units: 4, activation: 'relu', init: 'he-normal', bias: null },
      { units: 3, activation: { kind: 'prelu', alpha: 0.25 } },
      { units: 2, activation: 'linear' },
    ],
    loss: 'softmax-cross-entropy',
  },
  weights: null,
  training: { optimizer: { kind: 'adam', lr: 0.01, eps: 1e-8 }, batchSize: 16, epochs: 2, steps: null, shuffle: true },
  monitor: { every: 5, probe: 32, bins: 10 },
};

/** Every path to a value in `v`, as key lists. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...prefix, k]))];
}
const FIELDS = paths(base).filter((p) => p.length > 0);

/** Values careless and hostile files hold: edges of every range, wrong types, float32 overflow, NaN (a structured clone carries it). */
export const nasty = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 0.5, -0.5, 1e-45, 2 ** 31, 2 ** 32, 2 ** 53, 65_536, 65_537, 1_000_001, 1e8, 1e8 + 1, 3.5e38, 1e308, -1e308, Number.NaN, Infinity, -0),
  fc.integer({ min: -5, max: 300 }),
  fc.double(),
  fc.constantFrom('', 'relu', 'full', 'train', 'sgd', 'adam', 'rmsprop', 'csv', 'inline', 'mnist', 'sine', 'mse', 'sigmoid-bce', 'zeros', '\u001b[2J', '__proto__'),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.array(fc.oneof(fc.integer({ min: -2, max: 4 }), fc.double()), { maxLength: 4 }),
  fc.array(fc.array(fc.double({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
  fc.dictionary(fc.constantFrom('kind', 'alpha', 'lr', 'x', 'y', 'units', 'bogus'), fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxKeys: 3 }),
);

export const mutation = fc.record({ at: fc.constantFrom(...FIELDS), value: nasty, remove: fc.boolean() });

export function mutate(mutations: { at: (string | number)[]; value: unknown; remove: boolean }[]): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (const { at, value, remove } of mutations) {
    let parent: any = copy;
    for (const key of at.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      parent = parent[key];
    }
    if (parent === null || typeof parent !== 'object') continue;
    const key = at[at.length - 1];
    if (remove && !Array.isArray(parent)) delete parent[key];
    else parent[key] = value;
  }
  return copy;
}

