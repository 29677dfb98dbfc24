import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

function relu(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/relu-lab.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

describe('relu-lab pytorch', () => {
  it('prints the PyTorch code of an experiment file', () => {
    const r = relu('pytorch', 'presets/mnist-mlp.relu.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nn.Linear(784, 256),');
    expect(r.stdout).not.toContain('json.load');
  });

  it('loads an experiment\'s own weights from the experiment file', () => {
    const r = relu('pytorch', 'presets/relu-basics.relu.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('with open("presets/relu-basics.relu.json") as f:\n    saved = json.load(f)["weights"]\n');
  });

  it('adds the loading lines for a weights file that fits the network', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-pytorch-cli-'));
    const weights = join(dir, 'w.json');
    writeFileSync(weights, JSON.stringify({
      format: 'relu-lab/weights@1',
      layers: [{ weight: [[1]], bias: [0] }, { weight: [[0.5]], bias: [0] }],
    }));
    const r = relu('pytorch', 'presets/relu-basics.relu.json', '--weights', weights);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`with open(${JSON.stringify(weights)}) as f:`);
  });

  it('rejects a weights file of another shape, naming the layer and the expected shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relu-lab-pytorch-cli-'));
    const weights = join(dir, 'w.json');
    writeFileSync(weights, JSON.stringify({
      format: 'relu-lab/weights@1',
      layers: [{ weight: [[1, 2]], bias: [0] }, { weight: [[0.5]], bias: [0] }],
    }));
    const r = relu('pytorch', 'presets/relu-basics.relu.json', '--weights', weights);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('weights.layers[0].weight: expected 1 rows (out) of 1 numbers (in), got 1 × 2');
    expect(r.stdout).toBe('');
  });

  it('is listed in --help', () => {
    expect(relu('--help').stdout).toContain('relu-lab pytorch <experiment.relu.json> [--weights <weights.json>]');
  });
});
