import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = 'bin/relu-lab.mjs';

function relu(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(file: string): any[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'relu-lab-cli-'));
}

function writeExperiment(dir: string, experiment: unknown): string {
  const file = join(dir, 'x.relu.json');
  writeFileSync(file, typeof experiment === 'string' ? experiment : JSON.stringify(experiment));
  return file;
}

const small = {
  format: 'relu-lab/experiment@1',
  name: 'cli test',
  seed: 5,
  data: { kind: 'xor', samples: 200, noise: 0.05, testFraction: 0.25 },
  network: {
    inputs: 2,
    layers: [
      { units: 8, activation: 'relu', init: 'he-normal' },
      { units: 8, activation: 'relu', init: 'he-normal', bias: -100 },
      { units: 2, activation: 'linear' },
    ],
    loss: 'softmax-cross-entropy',
  },
  weights: null,
  training: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 32, epochs: 3, steps: null, shuffle: true },
  monitor: { every: 5, probe: 100, bins: 10 },
};

beforeAll(() => {
  // The bin runs the bundle `npm install` builds; rebuild it so the test sees the current sources.
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

describe('relu-lab run', () => {
  it('writes a run folder (run.json, metrics.jsonl, units.jsonl), weights.json and summary.json', () => {
    const dir = scratch();
    const out = join(dir, 'out');
    const r = relu('run', writeExperiment(dir, small), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['metrics.jsonl', 'run.json', 'summary.json', 'units.jsonl', 'weights.json']);

    const records = jsonLines(join(out, 'metrics.jsonl'));
    // 150 training samples, batch 32 → 5 steps an epoch, 15 steps: records at 0, 5, 10 and the final one at 15.
    expect(records.map((r) => r.step)).toEqual([0, 5, 10, 15]);
    expect(Object.keys(records[0])).toEqual(['step', 'epoch', 'loss', 'accuracy', 'testLoss', 'testAccuracy', 'layers']);
    expect(Object.keys(records[3])).toEqual(['step', 'epoch', 'loss', 'accuracy', 'testLoss', 'testAccuracy', 'final', 'layers']);
    expect(records.map((r) => r.final)).toEqual([undefined, undefined, undefined, true]);
    expect(Object.keys(records[0].layers[0])).toEqual(['index', 'inactiveFraction', 'zeroFraction', 'deadCount', 'gradNorm', 'weightNorm']);
    // The bias −100 layer is dead from the start and stays dead: no gradient reaches it.
    for (const rec of records) {
      expect(rec.layers[1].deadCount).toBe(8);
      expect(rec.layers[1].inactiveFraction).toBe(1);
      expect(rec.layers[1].gradNorm).toBe(0);
    }

    const weights = JSON.parse(readFileSync(join(out, 'weights.json'), 'utf8'));
    expect(weights.format).toBe('relu-lab/weights@1');
    expect(weights.layers.map((l: { weight: number[][] }) => [l.weight.length, l.weight[0].length])).toEqual([[8, 2], [8, 8], [2, 8]]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.steps).toBe(15);
    expect(summary.layers[1].deadUnits).toHaveLength(8);

    const info = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(info).toMatchObject({
      format: 'relu-lab/rundir@1',
      name: 'cli test',
      source: { kind: 'relu-lab', version: JSON.parse(readFileSync('package.json', 'utf8')).version, writer: 'relu-lab run' },
      monitor: { every: 5, probe: 100, bins: 10 },
    });
    expect(Date.parse(info.created)).not.toBeNaN();
    expect(info.experiment.network.layers[1].bias).toBe(-100);
    // The module paths relu_lab.watch finds in the network `relu-lab pytorch` exports: nn.Sequential's indices.
    expect(info.layers).toEqual([
      { index: 0, name: '1', activation: 'relu', units: 8, unit: 'feature', zeroGradientWhenInactive: true },
      { index: 1, name: '3', activation: 'relu', units: 8, unit: 'feature', zeroGradientWhenInactive: true },
    ]);

    const units = jsonLines(join(out, 'units.jsonl'));
    expect(units.map((u) => u.step)).toEqual([0, 5, 10, 15]);
    for (const [k, line] of units.entries()) {
      const [first, dead] = line.layers;
      expect(Object.keys(first)).toEqual(['index', 'activationRate', 'preHist', 'postHist', 'gradHist']);
      expect(first.preHist.counts).toHaveLength(10);
      expect(first.preHist.counts.reduce((a: number, b: number) => a + b, 0)).toBe(100 * 8);
      // The dead layer: never positive, so every rate is 0; its pre-activations sit near −100.
      expect(dead.activationRate).toEqual(Array(8).fill(0));
      expect(dead.preHist.max).toBeLessThan(-90);
      // A unit's rate and the layer's inactive fraction describe the same probe pass.
      const mean = first.activationRate.reduce((a: number, b: number) => a + b, 0) / 8;
      expect(1 - mean).toBeCloseTo(records[k].layers[0].inactiveFraction, 12);
    }
  });

  it('refuses a folder that already holds a run unless --overwrite', () => {
    const dir = scratch();
    const file = writeExperiment(dir, small);
    const out = join(dir, 'out');
    expect(relu('run', file, '--out', out).code).toBe(0);
    const before = readFileSync(join(out, 'metrics.jsonl'), 'utf8');
    const again = relu('run', file, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--out: ${out} already holds a run (run.json, metrics.jsonl, units.jsonl)`);
    expect(again.stderr).toContain('--overwrite');
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8')).toBe(before);
    const replaced = relu('run', file, '--out', out, '--overwrite');
    expect(replaced.code).toBe(0);
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8')).toBe(before);
  });

  it('gives the same metrics for the same file, bit for bit', () => {
    const dir = scratch();
    const file = writeExperiment(dir, small);
    relu('run', file, '--out', join(dir, 'a'));
    relu('run', file, '--out', join(dir, 'b'));
    for (const f of ['metrics.jsonl', 'units.jsonl']) expect(readFileSync(join(dir, 'a', f), 'utf8')).toBe(readFileSync(join(dir, 'b', f), 'utf8'));
  });

  it('exits 2 with one message naming the field for a bad experiment', () => {
    const dir = scratch();
    const bad = { ...small, network: { ...small.network, layers: [{ units: 4, activation: 'relux' }, small.network.layers[2]] } };
    const r = relu('run', writeExperiment(dir, bad), '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/network\.layers\[0\]\.activation/);
    expect(r.stderr).toMatch(/relux/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a file that is not JSON and for a missing file', () => {
    const dir = scratch();
    const r = relu('run', writeExperiment(dir, '{"format": '), '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JSON/);
    const missing = relu('run', join(dir, 'nope.relu.json'), '--out', join(dir, 'out'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it('exits 2 when the output layer does not match the data', () => {
    const dir = scratch();
    const bad = { ...small, network: { ...small.network, layers: [small.network.layers[0], { units: 3, activation: 'linear' }] } };
    const r = relu('run', writeExperiment(dir, bad), '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/network\.layers\[1\]\.units/);
  });

  it('stops a diverging run with the step and what to try, exit 1', () => {
    const dir = scratch();
    const wild = { ...small, network: { ...small.network, layers: [small.network.layers[0], small.network.layers[2]] }, training: { ...small.training, optimizer: { kind: 'sgd', lr: 1e30 } } };
    const r = relu('run', writeExperiment(dir, wild), '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at step \d+/);
    expect(r.stderr).toMatch(/the learning rate \(now 1e\+30\) is too high/);
  });
});

describe('relu-lab born-dead and help', () => {
  it('prints the probability, its standard error and the trials as JSON', () => {
    const dir = scratch();
    const deep = {
      ...small,
      network: {
        inputs: 2,
        layers: [...Array.from({ length: 10 }, () => ({ units: 2, activation: 'relu', init: 'he-normal' })), { units: 2, activation: 'linear' }],
        loss: 'softmax-cross-entropy',
      },
    };
    const r = relu('born-dead', writeExperiment(dir, deep), '--trials', '400');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(Object.keys(result)).toEqual(['probability', 'stderr', 'trials']);
    expect(result.trials).toBe(400);
    expect(result.probability).toBeGreaterThan(0.2);
    expect(result.stderr).toBeCloseTo(Math.sqrt((result.probability * (1 - result.probability)) / 400), 12);
  });

  it('refuses a bad --trials with exit 2', () => {
    const dir = scratch();
    const r = relu('born-dead', writeExperiment(dir, small), '--trials', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--trials/);
  });

  it('lists the commands with --help', () => {
    const r = relu('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run <experiment/);
    expect(r.stdout).toMatch(/born-dead/);
  });
});
