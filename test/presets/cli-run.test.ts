import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const PRESETS = [
  'relu-basics', 'sparsity-at-init', 'dying-bias', 'dying-lr',
  'rescue-variants', 'vanishing-gradients', 'born-dead', 'mnist-mlp',
];

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

describe('npx relu-lab run presets/NAME.relu.json', () => {
  it.each(PRESETS)('runs %s headless and writes its metrics, weights and summary', (name) => {
    const out = mkdtempSync(join(tmpdir(), `relu-lab-${name}-`));
    const r = spawnSync(process.execPath, ['bin/relu-lab.mjs', 'run', `presets/${name}.relu.json`, '--out', out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const lines = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!).step).toBe(summary.steps);
    expect(JSON.parse(readFileSync(join(out, 'weights.json'), 'utf8')).format).toBe('relu-lab/weights@1');
  });
});
