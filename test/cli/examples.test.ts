import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const examples = readdirSync('examples').filter((f) => f.endsWith('.relu.json')).sort();

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

describe('`relu-lab run` on the example of every data kind', () => {
  it('has an example for each kind', () => {
    const kinds = examples.map((f) => JSON.parse(readFileSync(join('examples', f), 'utf8')).data.kind).sort();
    expect(kinds).toEqual(['circles', 'csv', 'gaussians', 'inline', 'mnist', 'moons', 'sine', 'spiral', 'xor']);
  });

  for (const file of examples) {
    it(file, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'relu-lab-example-')), 'out');
      const r = spawnSync(process.execPath, ['bin/relu-lab.mjs', 'run', join('examples', file), '--out', out], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['metrics.jsonl', 'run.json', 'summary.json', 'units.jsonl', 'weights.json']);
      const records = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(records.at(-1).step).toBe(summary.steps);
      for (const r of records) expect(Number.isFinite(r.loss)).toBe(true);
    });
  }
});
