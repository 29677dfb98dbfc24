import { describe, expect, it } from 'vitest';
import { RUNDIR_FORMAT, type RunInfo } from '../../src/core/rundir/format';
import { RunFolderReader, PROBLEMS_LISTED } from '../../src/core/rundir/reader';
import { describeProblem, type RunProblem, type RunRecord } from '../../src/core/rundir/records';

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

const info = (layers: { units: number; activation?: string }[] = [{ units: 3 }, { units: 2 }]) => ({
  format: RUNDIR_FORMAT,
  name: 'cnn',
  created: '2026-12-07T12:00:00Z',
  source: { kind: 'pytorch', version: '1.13.1' },
  monitor: { every: 10, probe: 64, bins: 4 },
  layers: layers.map((l, index) => ({
    index, name: `features.${index}`, activation: l.activation ?? 'relu', units: l.units, unit: 'channel', zeroGradientWhenInactive: true,
  })),
});

const hist = (counts: number[]) => ({ min: -1, max: 1, counts });

function metricsLine(step: number, extra: Record<string, unknown> = {}, layers = 2): string {
  return JSON.stringify({
    step, epoch: step / 100, loss: 1 / (step + 1),
    layers: Array.from({ length: layers }, (_, index) => ({ index, inactiveFraction: 0.5, zeroFraction: 0.5, deadCount: index, gradNorm: 0.1, weightNorm: 2 })),
    ...extra,
  });
}

function unitsLine(step: number, widths = [3, 2]): string {
  return JSON.stringify({
    step,
    layers: widths.map((w, index) => ({
      index,
      activationRate: Array.from({ length: w }, (_, u) => (u === 0 ? 0 : (step % 10) / 10)),
      preHist: hist([1, 2, 3, 4]), postHist: hist([4, 3, 2, 1]),
    })),
  });
}

/** A reader whose sink keeps everything it was told. */
function reading() {
  const seen = { info: [] as { info: RunInfo; inferred: boolean }[], records: [] as RunRecord[], problems: [] as RunProblem[], restarts: [] as string[] };
  const reader = new RunFolderReader({
    info: (i, inferred) => seen.info.push({ info: structuredClone(i), inferred }),
    records: (r) => seen.records.push(...r),
    problem: (p) => seen.problems.push(p),
    restart: (reason) => {
      seen.restarts.push(reason);
      seen.records.length = 0;
    },
  });
  return { reader, seen };
}

const steps = (records: RunRecord[]) => records.map((r) => r.step);

describe('run folder reader', () => {
  it('joins the metrics and units lines of each step into records, in step order', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    reader.bytes('units.jsonl', 0, bytes([0, 10, 20].map((s) => unitsLine(s)).join('\n') + '\n'));
    reader.bytes('metrics.jsonl', 0, bytes([0, 10, 20].map((s) => metricsLine(s)).join('\n') + '\n'));
    reader.caughtUp(false);
    expect(seen.info).toHaveLength(1);
    expect(seen.info[0].info.layers.map((l) => l.name)).toEqual(['features.0', 'features.1']);
    expect(steps(seen.records)).toEqual([0, 10, 20]);
    const r = seen.records[1];
    expect(r.loss).toBeCloseTo(1 / 11);
    expect(r.layers[1].deadCount).toBe(1);
    expect(Array.from(r.units![0].activationRate)).toEqual([0, Math.fround(0), Math.fround(0)]);
    expect(Array.from(r.units![0].preHist.counts)).toEqual([1, 2, 3, 4]);
    expect(seen.problems).toEqual([]);
  });

  it('gives the same records whatever the chunks, even split inside a character', () => {
    const metrics = [0, 10, 20, 30].map((s) => metricsLine(s, { note: 'Café ✓ ünïcode' })).join('\n') + '\n';
    const units = [0, 10, 20, 30].map((s) => unitsLine(s)).join('\r\n') + '\r\n';
    const whole = reading();
    whole.reader.info(JSON.stringify(info()));
    whole.reader.bytes('units.jsonl', 0, bytes(units));
    whole.reader.bytes('metrics.jsonl', 0, bytes(metrics));
    whole.reader.caughtUp(false);
    for (const size of [1, 3, 7, 64]) {
      const { reader, seen } = reading();
      reader.info(JSON.stringify(info()));
      const m = bytes(metrics);
      const u = bytes(units);
      for (let at = 0; at < Math.max(m.length, u.length); at += size) {
        if (at < u.length) reader.bytes('units.jsonl', at, u.subarray(at, at + size));
        if (at < m.length) reader.bytes('metrics.jsonl', at, m.subarray(at, at + size));
      }
      reader.caughtUp(false);
      expect(seen.problems).toEqual([]);
      expect(seen.records).toEqual(whole.seen.records);
    }
    expect(steps(whole.seen.records)).toEqual([0, 10, 20, 30]);
  });

  it('waits for a half-written last line and reads it once its newline arrives', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    const line = metricsLine(10);
    const u = bytes(`${unitsLine(0)}\n${unitsLine(10)}\n`);
    reader.bytes('units.jsonl', 0, u);
    const first = bytes(`${metricsLine(0)}\n${line.slice(0, 25)}`);
    reader.bytes('metrics.jsonl', 0, first);
    reader.caughtUp(true);
    expect(steps(seen.records)).toEqual([0]);
    expect(seen.problems).toEqual([]);
    reader.bytes('metrics.jsonl', first.length, bytes(`${line.slice(25)}\n`));
    expect(steps(seen.records)).toEqual([0, 10]);
    expect(seen.records[1].units).not.toBeNull();
  });

  it('while following, a metrics line read before its units line still gets its units', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    let m = 0;
    let u = 0;
    const appendMetrics = (s: number) => { const b = bytes(`${metricsLine(s)}\n`); reader.bytes('metrics.jsonl', m, b); m += b.length; };
    const appendUnits = (s: number) => { const b = bytes(`${unitsLine(s)}\n`); reader.bytes('units.jsonl', u, b); u += b.length; };
    appendUnits(0);
    appendMetrics(0);
    reader.caughtUp(true);
    // The source read metrics.jsonl after the writer appended step 10 to both files, units.jsonl before.
    appendMetrics(10);
    reader.caughtUp(true);
    expect(steps(seen.records)).toEqual([0]);
    appendUnits(10);
    reader.caughtUp(true);
    expect(steps(seen.records)).toEqual([0, 10]);
    expect(seen.records[1].units).not.toBeNull();
    // A metrics record whose units line never comes is shown after one more round, without units.
    appendMetrics(20);
    reader.caughtUp(true);
    reader.caughtUp(true);
    expect(steps(seen.records)).toEqual([0, 10, 20]);
    expect(seen.records[2].units).toBeNull();
  });

  it('names the file and line of a broken line, of a layer count that changes, of a step going back, and reads on', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    reader.bytes('units.jsonl', 0, bytes([0, 10, 20, 30].map((s) => unitsLine(s)).join('\n') + '\n'));
    const lines = [metricsLine(0), '{"step": 10, "loss": 0.5, "layers": [', metricsLine(20, {}, 3), metricsLine(0), metricsLine(30)];
    reader.bytes('metrics.jsonl', 0, bytes(lines.join('\n') + '\n'));
    reader.caughtUp(false);
    expect(steps(seen.records)).toEqual([0, 30]);
    expect(seen.problems.map(describeProblem)).toEqual([
      expect.stringMatching(/^metrics\.jsonl line 2: not valid JSON/),
      "metrics.jsonl line 3: layers: expected 2 layers (as run.json's layers or the first record), got 3",
      'metrics.jsonl line 4: step: expected a step after 0, got 0',
    ]);
  });

  it('names the field of a bad value inside a layer', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    const bad = JSON.parse(unitsLine(0));
    bad.layers[1].activationRate[1] = 1.5;
    bad.layers[0].preHist.counts[2] = -1;
    const fewBins = JSON.parse(unitsLine(10));
    fewBins.layers[1].postHist.counts = [1, 2];
    reader.bytes('units.jsonl', 0, bytes(`${JSON.stringify(bad)}\n${JSON.stringify(fewBins)}\n`));
    const badMetrics = JSON.parse(metricsLine(0));
    badMetrics.layers[1].deadCount = 'many';
    reader.bytes('metrics.jsonl', 0, bytes(`${JSON.stringify(badMetrics)}\n`));
    expect(seen.problems.map(describeProblem)).toEqual([
      'units.jsonl line 1: layers[0].preHist.counts[2]: expected a count (an integer ≥ 0), got -1',
      'units.jsonl line 2: layers[1].postHist.counts: expected 4 bins (monitor.bins in run.json), got 2',
      'metrics.jsonl line 1: layers[1].deadCount: expected an integer ≥ 0, got "many"',
    ]);
  });

  it('ignores fields it does not know', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify({ ...info(), futureField: { x: 1 } }));
    reader.bytes('units.jsonl', 0, bytes(`${JSON.stringify({ ...JSON.parse(unitsLine(0)), extra: [1, 2] })}\n`));
    reader.bytes('metrics.jsonl', 0, bytes(`${metricsLine(0, { lr: 0.1, note: 'hi' })}\n`));
    reader.caughtUp(false);
    expect(seen.problems).toEqual([]);
    expect(steps(seen.records)).toEqual([0]);
  });

  it('skips a line too long to hold without keeping it in memory, and says which', () => {
    const sinkProblems: RunProblem[] = [];
    const records: RunRecord[] = [];
    const reader = new RunFolderReader({ info: () => {}, records: (r) => records.push(...r), problem: (p) => sinkProblems.push(p), restart: () => {} }, { maxLineBytes: 4096 });
    reader.info(JSON.stringify(info()));
    reader.bytes('units.jsonl', 0, bytes(''));
    const huge = `{"step": 5, "pad": "${'x'.repeat(10_000)}"}`;
    const text = bytes(`${metricsLine(0)}\n${huge}\n${metricsLine(10)}\n`);
    for (let at = 0; at < text.length; at += 1000) reader.bytes('metrics.jsonl', at, text.subarray(at, at + 1000));
    reader.caughtUp(false);
    expect(sinkProblems.map(describeProblem)).toEqual([`metrics.jsonl line 2: a line of ${huge.length} bytes, longer than any record (skipped)`]);
    expect(steps(records)).toEqual([0, 10]);
  });

  it('without run.json: says so, and shows the records with layers as they tell', () => {
    const { reader, seen } = reading();
    reader.missing('run.json', 'not found');
    reader.bytes('units.jsonl', 0, bytes(`${unitsLine(0, [4, 5])}\n`));
    reader.bytes('metrics.jsonl', 0, bytes(`${metricsLine(0)}\n`));
    reader.caughtUp(false);
    expect(seen.problems.map(describeProblem)).toEqual(['run.json: not found']);
    expect(seen.info.at(-1)).toMatchObject({ inferred: true, info: { layers: [{ units: 4, name: 'layer 1' }, { units: 5, name: 'layer 2' }] } });
    expect(steps(seen.records)).toEqual([0]);
  });

  it('without units.jsonl (a folder from an older relu-lab run): the metrics alone', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    reader.missing('units.jsonl', 'not found');
    reader.bytes('metrics.jsonl', 0, bytes(`${metricsLine(0)}\n${metricsLine(10)}\n`));
    expect(steps(seen.records)).toEqual([0, 10]);
    expect(seen.records.every((r) => r.units === null)).toBe(true);
  });

  it('refuses a file of another format as run.json, saying what it is', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify({ format: 'relu-lab/experiment@1', name: 'x' }));
    expect(seen.problems.map(describeProblem)).toEqual([
      'run.json: format: expected "relu-lab/rundir@1", got "relu-lab/experiment@1" (a relu-lab/experiment@1 file, not a run folder\'s run.json)',
    ]);
    reader.info('not json at all');
    expect(describeProblem(seen.problems[1])).toMatch(/^run\.json: not valid JSON/);
  });

  it('lists the first problems of a file and then says more were skipped', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    reader.bytes('metrics.jsonl', 0, bytes('nonsense\n'.repeat(50)));
    expect(seen.problems).toHaveLength(PROBLEMS_LISTED + 1);
    expect(seen.problems.at(-1)!.message).toBe('more problems from here on are not listed');
  });

  it('starts over when metrics.jsonl is replaced', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    reader.missing('units.jsonl', 'not found');
    reader.bytes('metrics.jsonl', 0, bytes(`${metricsLine(0)}\n${metricsLine(10)}\n`));
    expect(steps(seen.records)).toEqual([0, 10]);
    reader.restart('metrics.jsonl', 'was replaced');
    reader.bytes('metrics.jsonl', 0, bytes(`${metricsLine(0, { loss: 9 })}\n`));
    expect(seen.restarts).toEqual(['metrics.jsonl was replaced']);
    expect(steps(seen.records)).toEqual([0]);
    expect(seen.records[0].loss).toBe(9);
  });

  it('reads a non-finite loss and the final mark', () => {
    const { reader, seen } = reading();
    reader.info(JSON.stringify(info()));
    reader.missing('units.jsonl', 'not found');
    reader.bytes('metrics.jsonl', 0, bytes(`${metricsLine(0, { loss: null, nonFinite: true, epoch: null })}\n${metricsLine(10, { final: true })}\n`));
    expect(seen.records.map((r) => [r.loss, r.nonFinite, r.epoch, r.final])).toEqual([[null, true, null, false], [1 / 11, false, 0.1, true]]);
  });

  it.each([65536, 7])('in a big folder reads every k-th units line and the last one (the others give their step), then every append (chunks of %i bytes)', (chunk) => {
    const records: RunRecord[] = [];
    const reader = new RunFolderReader({ info: () => {}, records: (r) => records.push(...r), problem: (p) => { throw new Error(describeProblem(p)); }, restart: () => {} }, { unitsBudget: 100 });
    reader.info(JSON.stringify(info()));
    const n = 1000;
    const u = bytes(Array.from({ length: n }, (_, k) => unitsLine(k * 10)).join('\n') + '\n');
    const m = bytes(Array.from({ length: n }, (_, k) => metricsLine(k * 10)).join('\n') + '\n');
    reader.bytes('metrics.jsonl', 0, m, m.length);
    for (let at = 0; at < u.length; at += chunk) reader.bytes('units.jsonl', at, u.subarray(at, at + chunk), u.length);
    reader.caughtUp(true);
    // Every record's metrics; units where read: 1000 lines over a budget of 100 → every 16th.
    expect(steps(records)).toEqual(Array.from({ length: n }, (_, k) => k * 10));
    const withUnits = records.filter((r) => r.units !== null).map((r) => r.step / 10);
    const expected = Array.from({ length: n }, (_, k) => k).filter((k) => k < 16 || k % 16 === 0 || k === n - 1);
    expect(withUnits).toEqual(expected);
    // Appends once caught up: all read.
    const more = [n, n + 1, n + 2];
    reader.bytes('units.jsonl', u.length, bytes(more.map((k) => unitsLine(k * 10)).join('\n') + '\n'));
    reader.bytes('metrics.jsonl', m.length, bytes(more.map((k) => metricsLine(k * 10)).join('\n') + '\n'));
    expect(records.slice(-3).map((r) => [r.step, r.units !== null])).toEqual(more.map((k) => [k * 10, true]));
  });
});
