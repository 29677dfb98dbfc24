import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/core/data/load';
import { parseExperiment } from '../../src/core/experiment/parse';
import { RUN_FILES } from '../../src/core/rundir/format';
import { RunFolderReader } from '../../src/core/rundir/reader';
import type { RunProblem, RunRecord } from '../../src/core/rundir/records';
import { runInfo } from '../../src/core/rundir/write';
import { probeSize } from '../../src/core/train/probe';
import { runExperiment } from '../../src/core/train/run';

/** What the viewer's reader makes of a folder's three files. */
function read(files: { info: string; metrics: string; units: string }) {
  const records: RunRecord[] = [];
  const problems: RunProblem[] = [];
  const reader = new RunFolderReader({ info: () => {}, records: (r) => records.push(...r), problem: (p) => problems.push(p), restart: () => {} });
  const encode = (t: string) => new TextEncoder().encode(t);
  reader.info(files.info);
  reader.bytes(RUN_FILES.units, 0, encode(files.units));
  reader.bytes(RUN_FILES.metrics, 0, encode(files.metrics));
  reader.caughtUp(false);
  return { records, problems, info: reader.runInfo };
}

describe('what the two writers write, the viewer reads', () => {
  it('relu_lab: the committed CNN fixture (python/tests/test_examples.py says how it was made)', () => {
    const dir = 'test/fixtures/runs/cnn-small';
    const file = (f: string) => readFileSync(join(dir, f), 'utf8');
    const { records, problems, info } = read({ info: file(RUN_FILES.info), metrics: file(RUN_FILES.metrics), units: file(RUN_FILES.units) });
    expect(problems).toEqual([]);
    expect(info!.source.kind).toBe('pytorch');
    expect(records).toHaveLength(31);
    expect(records.every((r) => r.units !== null)).toBe(true);
    expect(records.at(-1)!.final).toBe(true);
    expect(records.at(-1)!.layers[0].deadCount).toBeGreaterThan(0);
  });

  it('relu-lab run: run.json and the lines runExperiment hands the CLI', async () => {
    const experiment = parseExperiment({
      format: 'relu-lab/experiment@1',
      name: 'both writers',
      seed: 2,
      data: { kind: 'spiral', samples: 120, noise: 0.1, classes: 3, testFraction: 0.25 },
      network: { inputs: 2, layers: [{ units: 8, activation: 'relu' }, { units: 6, activation: 'prelu' }, { units: 3, activation: 'linear' }], loss: 'softmax-cross-entropy' },
      training: { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 16, epochs: 2, steps: null, shuffle: true },
      monitor: { every: 4, probe: 50, bins: 12 },
    });
    const dataset = await loadDataset(experiment.data, experiment.network, experiment.seed);
    const metrics: string[] = [];
    const units: string[] = [];
    runExperiment(experiment, dataset, { record: (r) => metrics.push(JSON.stringify(r)), units: (u) => units.push(JSON.stringify(u)) }, () => 0);
    const info = JSON.stringify(runInfo(experiment, probeSize(dataset.train.n, experiment.monitor.probe), { version: '0', writer: 'test' }, new Date()));
    const read1 = read({ info, metrics: `${metrics.join('\n')}\n`, units: `${units.join('\n')}\n` });
    expect(read1.problems).toEqual([]);
    expect(read1.records.map((r) => r.step)).toEqual([0, 4, 8, 12]);
    expect(read1.records.every((r) => r.units !== null && r.units.every((u) => u.gradHist !== null))).toBe(true);
    expect(read1.records[0].units![1].alpha).toBeCloseTo(0.25, 6);
    expect(read1.records.at(-1)!.final).toBe(true);
  });
});
