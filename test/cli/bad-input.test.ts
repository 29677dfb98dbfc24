/**
 * The CLI against careless and hostile input (issue 19): every refusal is
 * exit 2 with one line naming the flag or field, nothing hangs, and nothing
 * an experiment file holds reaches the terminal as a control sequence.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/relu-lab.mjs');

function relu(args: string[], options: { cwd?: string; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: options.timeout ?? 120_000, cwd: options.cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'relu-lab-cli-bad-'));
}

function writeExperiment(dir: string, experiment: unknown, name = 'x.relu.json'): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(experiment));
  return file;
}

const small = {
  format: 'relu-lab/experiment@1',
  name: 'bad input',
  seed: 3,
  data: { kind: 'xor', samples: 100, noise: 0.05, testFraction: 0 },
  network: {
    inputs: 2,
    layers: [
      { units: 4, activation: 'relu', init: 'he-normal' },
      { units: 2, activation: 'linear' },
    ],
    loss: 'softmax-cross-entropy',
  },
  training: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 25, epochs: 2 },
  monitor: { every: 2, probe: 50, bins: 8 },
};

/** One line on stderr, exit 2, no stack trace. */
function expectRefusal(r: ReturnType<typeof relu>, pattern: RegExp): void {
  expect(r.timedOut).toBe(false);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
});

describe('flags', () => {
  it('refuses a flag no command has, naming it and the flags the command takes', () => {
    const dir = scratch();
    const r = relu(['run', writeExperiment(dir, small), '--out', join(dir, 'o'), '--bogus']);
    expectRefusal(r, /--bogus/);
    expect(r.stderr).toMatch(/run takes --out/);
  });

  it('suggests the close flag on a typo', () => {
    const dir = scratch();
    expectRefusal(relu(['born-dead', writeExperiment(dir, small), '--trails', '5']), /unknown flag --trails.*did you mean --trials\?/);
    expectRefusal(relu(['run', writeExperiment(dir, small), '--ot', join(dir, 'o')]), /did you mean --out\?/);
  });

  it("refuses another command's flag, saying whose it is", () => {
    const dir = scratch();
    expectRefusal(relu(['run', writeExperiment(dir, small), '--out', join(dir, 'o'), '--trials', '5']), /--trials is a flag of born-dead, not of run/);
  });

  it('refuses a flag given twice, a value flag without a value, and a flag before the command', () => {
    const dir = scratch();
    const file = writeExperiment(dir, small);
    expectRefusal(relu(['run', file, '--out', join(dir, 'a'), '--out', join(dir, 'b')]), /--out is given twice/);
    expectRefusal(relu(['run', file, '--out']), /--out needs a value/);
    expectRefusal(relu(['run', file, '--out=']), /--out needs a value/);
    expectRefusal(relu(['--bogus']), /--bogus/);
    expectRefusal(relu(['--out', join(dir, 'o'), 'run', file]), /command first/);
  });

  it('suggests the close command on a typo', () => {
    expectRefusal(relu(['rnu', 'x.relu.json']), /unknown command "rnu".*did you mean run\?/);
  });

  it('lists each command with exactly its flags in --help', () => {
    const r = relu(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/relu-lab run <experiment\.relu\.json> --out <dir>/);
    expect(r.stdout).toMatch(/relu-lab born-dead <experiment\.relu\.json> \[--trials <N>\]/);
    expect(r.stdout).toMatch(/relu-lab pytorch <experiment\.relu\.json> \[--weights <weights\.json>\]/);
  });
});

describe('--out', () => {
  it('refuses an existing file with exit 2 naming --out', () => {
    const dir = scratch();
    const file = writeExperiment(dir, small);
    expectRefusal(relu(['run', file, '--out', file]), /--out: .*x\.relu\.json is a file, not a folder/);
  });

  it('fails fast where a folder cannot be made (Node 20 loops on /proc)', () => {
    const dir = scratch();
    const r = relu(['run', writeExperiment(dir, small), '--out', '/proc/relu-lab-out'], { timeout: 15_000 });
    expectRefusal(r, /--out: cannot create \/proc\/relu-lab-out/);
  });

  it('makes missing parent folders', () => {
    const dir = scratch();
    const r = relu(['run', writeExperiment(dir, small), '--out', join(dir, 'a', 'b', 'c')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a', 'b', 'c', 'summary.json'), 'utf8')).steps).toBe(8);
  });
});

describe('what reaches the terminal', () => {
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  it('prints an experiment name without its control characters (ANSI and OSC escapes)', () => {
    const dir = scratch();
    const r = relu(['run', writeExperiment(dir, { ...small, name: 'evil\u001b]0;pwned\u0007\u001b[31mred\u009b2J' }), '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^evil/);
    expect(r.stdout).not.toMatch(CONTROL);
  });

  it('prints refusals without control characters from the file', () => {
    const dir = scratch();
    const bad = { ...small, network: { ...small.network, layers: [{ units: 4, activation: 'relu\u009b2J\u001b[31m' }, small.network.layers[1]] } };
    const r = relu(['run', writeExperiment(dir, bad), '--out', join(dir, 'o')]);
    expectRefusal(r, /network\.layers\[0\]\.activation/);
    expect(r.stderr).not.toMatch(CONTROL);
  });
});

describe('the summary line', () => {
  it('calls never-active units dead for relu and dormant for sigmoid, as the app does', () => {
    const dir = scratch();
    const both = {
      ...small,
      network: {
        ...small.network,
        layers: [
          { units: 4, activation: 'relu', bias: -100 },
          { units: 3, activation: 'sigmoid', bias: -100 },
          { units: 2, activation: 'linear' },
        ],
      },
    };
    const r = relu(['run', writeExperiment(dir, both), '--out', join(dir, 'o')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/layer 1 \(relu\): 4\/4 dead/);
    expect(r.stdout).toMatch(/layer 2 \(sigmoid\): 3\/3 dormant/);
    const summary = JSON.parse(readFileSync(join(dir, 'o', 'summary.json'), 'utf8'));
    expect(summary.layers.map((l: { zeroGradientWhenInactive: boolean }) => l.zeroGradientWhenInactive)).toEqual([true, false]);
  });
});

describe('a diverging run', () => {
  it('writes the last finite weights, says at which step, and `pytorch --weights` takes them', () => {
    const dir = scratch();
    const wild = { ...small, training: { ...small.training, optimizer: { kind: 'sgd', lr: 1e30 }, epochs: 20 } };
    const file = writeExperiment(dir, { ...wild, network: { ...small.network, layers: [{ units: 4, activation: 'linear' }, { units: 2, activation: 'linear' }] } });
    const r = relu(['run', file, '--out', join(dir, 'o')]);
    expect(r.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(dir, 'o', 'summary.json'), 'utf8'));
    expect(summary.diverged.step).toBeGreaterThan(0);
    expect(summary.weightsStep).toBeLessThanOrEqual(summary.diverged.step);
    expect(summary.weightsStep).toBeGreaterThanOrEqual(0);
    expect(r.stderr).toContain(`weights.json holds the last finite weights, those of step ${summary.weightsStep}`);
    const weightsText = readFileSync(join(dir, 'o', 'weights.json'), 'utf8');
    expect(weightsText).not.toMatch(/null/);
    const back = relu(['pytorch', file, '--weights', join(dir, 'o', 'weights.json')]);
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
  });
});

describe('limits and number ranges (DESIGN §4)', () => {
  const refuse = (experiment: unknown, pattern: RegExp) => {
    const dir = scratch();
    expectRefusal(relu(['run', writeExperiment(dir, experiment), '--out', join(dir, 'o')], { timeout: 30_000 }), pattern);
  };

  it('refuses a step count that would run forever', () => {
    refuse({ ...small, training: { ...small.training, steps: 1e308 } }, /training\.steps: expected an integer in \[1, 100000000\]/);
  });

  it('refuses epochs that add up to too many steps, naming training.epochs', () => {
    refuse({ ...small, data: { ...small.data, samples: 200 }, training: { ...small.training, batchSize: 1, epochs: 1_000_000 } }, /training\.epochs: .*100000000/);
  });

  it('refuses a network over the parameter budget, naming the layer', () => {
    refuse({ ...small, network: { ...small.network, inputs: 2, layers: [{ units: 65536, activation: 'relu' }, { units: 65536, activation: 'relu' }, { units: 2, activation: 'linear' }] } }, /network\.layers\[1\]: .*parameters/);
  });

  it('refuses more layers than the limit', () => {
    const layers = [...Array.from({ length: 300 }, () => ({ units: 2, activation: 'relu' })), { units: 2, activation: 'linear' }];
    refuse({ ...small, network: { ...small.network, layers } }, /network\.layers: .*at most 256/);
  });

  it('refuses numbers finite in float64 but not in float32, naming the field', () => {
    refuse({ ...small, network: { ...small.network, layers: [{ units: 4, activation: 'relu', bias: 1e308 }, small.network.layers[1]] } }, /network\.layers\[0\]\.bias: .*float32/);
    refuse({ ...small, network: { ...small.network, layers: [{ units: 4, activation: { kind: 'leaky-relu', alpha: 1e39 } }, small.network.layers[1]] } }, /network\.layers\[0\]\.activation\.alpha: .*float32/);
    refuse({ ...small, data: { kind: 'inline', x: [[0, 1e39], [1, 0]], y: [0, 1] } }, /data\.x\[0\]\[1\]: .*float32/);
    const weights = { format: 'relu-lab/weights@1', layers: [{ weight: [[1e308, 0], [0, 0], [0, 0], [0, 0]], bias: [0, 0, 0, 0] }, { weight: [[0, 0, 0, 0], [0, 0, 0, 0]], bias: [0, 0] }] };
    refuse({ ...small, weights }, /weights\.layers\[0\]\.weight\[0\]\[0\]: .*float32/);
  });

  it('refuses CSV cells beyond float32, naming the line and column', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'd.csv'), 'a,b,label\n0,1,x\n1e39,0,y\n');
    const csv = { ...small, data: { kind: 'csv', path: 'd.csv', labelColumn: 'label' } };
    expectRefusal(relu(['run', writeExperiment(dir, csv), '--out', join(dir, 'o')]), /data\.csv line 3, column "a": .*float32/);
  });
});

describe('data files', () => {
  it('reads a relative CSV path next to the experiment file, wherever the CLI runs from', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'd.csv'), 'a,b,label\n0,1,x\n1,0,y\n0,0,x\n1,1,y\n');
    const file = writeExperiment(dir, { ...small, data: { kind: 'csv', path: 'data/d.csv', labelColumn: 'label', testFraction: 0 } });
    const elsewhere = scratch();
    const r = relu(['run', file, '--out', 'o'], { cwd: elsewhere });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(elsewhere, 'o', 'summary.json'), 'utf8')).dataset.trainSize).toBe(4);
  });
});
