import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { DATA_KINDS } from '../../src/core/experiment/types';
import { parseExperimentText, serializeExperiment } from '../../src/core/experiment/parse';

const EXAMPLES = resolve(__dirname, '../../examples');
const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith('.relu.json')).sort();

describe('examples/*.relu.json', () => {
  it('has one example per data kind', async () => {
    const kinds = await Promise.all(files.map(async (f) => parseExperimentText(await readFile(join(EXAMPLES, f), 'utf8'), f).data.kind));
    expect(new Set(kinds)).toEqual(new Set(DATA_KINDS));
  });

  it.each(files)('%s parses, is in canonical form, loads its data, and runs at most 200 steps', async (file) => {
    const path = join(EXAMPLES, file);
    const text = await readFile(path, 'utf8');
    const e = parseExperimentText(text, file);
    expect(serializeExperiment(e)).toBe(text);
    const d = await loadDataset(e.data, e.network, e.seed, (p) => readFile(resolve(dirname(path), p), 'utf8'));
    expect(d.train.n).toBeGreaterThan(0);
    expect(d.train.n + d.test.n).toBeLessThanOrEqual(1000);
    const batch = e.training.batchSize === 'full' ? d.train.n : e.training.batchSize;
    const steps = e.training.steps ?? Math.ceil(d.train.n / batch) * e.training.epochs;
    expect(steps).toBeLessThanOrEqual(200);
  });
});
