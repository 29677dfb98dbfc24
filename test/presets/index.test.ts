import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog, suggestedComparisons } from '../../src/renderer/lessons/catalog';
import { PRESETS_DIR, readPreset } from './presets';

const ISSUE_PRESETS = [
  'relu-basics', 'sparsity-at-init', 'dying-bias', 'dying-lr',
  'rescue-variants', 'vanishing-gradients', 'born-dead', 'mnist-mlp',
];

describe('presets/index.json', () => {
  const catalog = parseCatalog(JSON.parse(readFileSync(`${PRESETS_DIR}index.json`, 'utf8')));

  it('lists the eight lessons in teaching order, one per shipped experiment file', () => {
    expect(catalog.map((p) => p.id)).toEqual(ISSUE_PRESETS);
    const files = readdirSync(PRESETS_DIR).filter((f) => f.endsWith('.relu.json')).sort();
    expect(catalog.map((p) => p.file).sort()).toEqual(files);
  });

  it('has a valid experiment and a valid suggested comparison for every entry', () => {
    for (const entry of catalog) {
      const e = readPreset(entry.id);
      expect(e.name.startsWith(entry.title), entry.id).toBe(true);
      suggestedComparisons(entry, e.network.layers.length - 1);
    }
    expect(catalog.filter((p) => p.compare.length > 0).map((p) => p.id)).toEqual(['dying-lr', 'rescue-variants', 'vanishing-gradients']);
    // The classroom path: dying-lr, then the same network with Leaky ReLU, PReLU and ELU.
    const dyingLr = catalog.find((p) => p.id === 'dying-lr')!;
    expect(suggestedComparisons(dyingLr, 3).map((c) => c.variable)).toEqual(['lr', 'activation']);
  });

  it('runs every lesson comparison with enough seeds for a mean ± sd, and with every activation its text names', () => {
    // How the texts name activations, and the kind each name stands for.
    const names: [RegExp, string][] = [
      [/\bleaky[ -]relu\b/i, 'leaky-relu'], [/\bprelu\b/i, 'prelu'], [/\belu\b/i, 'elu'],
      [/\bsigmoid\b/i, 'sigmoid'], [/\btanh\b/i, 'tanh'], [/\bgelu\b/i, 'gelu'],
    ];
    for (const entry of catalog.filter((p) => p.compare.length > 0)) {
      const specs = suggestedComparisons(entry, readPreset(entry.id).network.layers.length - 1);
      for (const spec of specs) if (spec.variable !== 'seed') expect(spec.seeds, entry.id).toBeGreaterThanOrEqual(5);
      const compared = new Set(specs.flatMap((s) => (s.variable === 'activation' || s.variable === 'layer-activation' ? s.values.map((v) => v.kind) : [])));
      const text = [entry.summary, entry.lookAt, entry.expect, entry.why].join(' ');
      for (const [name, kind] of names) if (name.test(text)) expect(compared.has(kind as never), `${entry.id} names ${kind}`).toBe(true);
    }
  });

  it('gives each lesson a short name for the start screen, none like another', () => {
    const shorts = catalog.map((p) => p.short);
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const s of shorts) expect(s.length).toBeLessThanOrEqual(24);
  });

  it('rejects an entry whose file does not match its id', () => {
    const bad = { format: 'relu-lab/presets@1', presets: [{ id: 'a', title: 't', short: 't', file: 'b.relu.json', summary: 's', lookAt: 'l', expect: 'e', why: 'w' }] };
    expect(() => parseCatalog(bad)).toThrow('presets.presets[0].file: expected "a.relu.json"');
  });
});
