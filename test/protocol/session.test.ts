import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../src/core/protocol/messages';
import { CoreHarness } from './core-harness';

const spiral = {
  format: 'relu-lab/experiment@1',
  name: 'protocol test',
  seed: 3,
  data: { kind: 'spiral', samples: 300, noise: 0.1, classes: 3, testFraction: 0.2 },
  network: {
    inputs: 2,
    layers: [
      { units: 8, activation: 'relu', init: 'he-normal' },
      { units: 8, activation: { kind: 'leaky-relu', alpha: 0.01 }, init: 'he-normal' },
      { units: 3, activation: 'linear' },
    ],
    loss: 'softmax-cross-entropy',
  },
  weights: null,
  training: { optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 16, epochs: 1000, steps: null, shuffle: true },
  monitor: { every: 10, probe: 128, bins: 20 },
};

let core: CoreHarness;
beforeEach(async () => {
  core = await CoreHarness.start();
});
afterEach(async () => {
  await core.stop();
});

async function load(experiment: object = spiral) {
  core.send({ type: 'load', experiment });
  const loaded = await core.next('loaded');
  await core.next('frame');
  return loaded;
}

/** Loads and plays for a renderer that acknowledges only the load's frame: the two slots fill and stay full. Returns the frames sent before playing. */
async function playUnacknowledged(): Promise<number> {
  await load();
  core.autoAck = false;
  const sent = core.of('frame').length;
  core.send({ type: 'ack', seq: core.of('frame').at(-1)!.frame.seq });
  core.send({ type: 'play' });
  return sent;
}

describe('the session behind a real port', () => {
  it('loads an experiment and answers with the data set and a first frame at step 0', async () => {
    core.send({ type: 'load', experiment: spiral });
    const loaded = await core.next('loaded');
    expect(loaded.dataset).toMatchObject({ inputs: 2, outputs: 3, classes: 3, trainSize: 240, testSize: 60 });
    expect(loaded.totalSteps).toBe(1000 * 15);
    const frame = (await core.next('frame')).frame;
    expect(frame.step).toBe(0);
    expect(frame.layers).toHaveLength(2);
    expect(frame.layers[0].activationRate).toBeInstanceOf(Float32Array);
    expect(frame.layers[0].activationRate).toHaveLength(8);
    expect(frame.layers[0].zeroGradientWhenInactive).toBe(true);
    expect(frame.layers[1].zeroGradientWhenInactive).toBe(false);
    expect(frame.boundary?.values.length).toBe(frame.boundary!.resolution ** 2);
    expect(frame.probeSize).toBe(128);
    // The output layer's weights too (3 outputs × 8 units of the last hidden layer), for the drawing's last links.
    expect(frame.outputWeight).toBeInstanceOf(Float32Array);
    expect(frame.outputWeight).toHaveLength(3 * 8);
  });

  it('plays, sends frames with advancing steps, and pauses', async () => {
    await load();
    core.send({ type: 'play' });
    await core.next('status', (s) => s.state === 'running');
    const a = (await core.next('frame', (f) => f.frame.step > 0)).frame;
    const b = (await core.next('frame', (f) => f.frame.step > a.step)).frame;
    expect(b.step).toBeGreaterThan(a.step);
    core.send({ type: 'pause' });
    const paused = await core.next('status', (s) => s.state === 'paused');
    // It stopped where it paused: one step later (handled in order behind the pause) is exactly one step on.
    core.send({ type: 'step', n: 1 });
    const stepped = await core.next('status', (s) => s.step !== paused.step);
    expect(stepped).toMatchObject({ state: 'paused', step: paused.step + 1 });
  });

  it('measures a slice of a dear probe set at each training frame, in turn, and the whole set when paused', async () => {
    // 400-256-128-10 on 480 probe samples of 400 inputs: 65M multiply-adds a pass, three slices.
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const wide = {
      ...spiral,
      data: { kind: 'inline', x: Array.from({ length: 600 }, () => Array.from({ length: 400 }, next)), y: Array.from({ length: 600 }, (_, i) => i % 10), testFraction: 0 },
      network: {
        inputs: 400,
        layers: [{ units: 256, activation: 'relu' }, { units: 128, activation: 'relu' }, { units: 10, activation: 'linear' }],
        loss: 'softmax-cross-entropy',
      },
      monitor: { every: 10, probe: 480, bins: 20 },
    };
    core.send({ type: 'load', experiment: wide });
    await core.next('loaded');
    const first = (await core.next('frame')).frame;
    expect(first.probe).toEqual({ samples: 480, slice: 0, slices: 1 });
    core.send({ type: 'play' });
    const training: Frame[] = [];
    for (let i = 0; i < 6; i++) training.push((await core.next('frame', (f) => f.frame.step > (training[i - 1]?.step ?? 0))).frame);
    // Three slices of 160, one a frame, in turn; the counts cover all 480.
    expect(training.map((f) => f.probe.slices)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(training.every((f) => f.probe.samples === 160 && f.probeSize === 480)).toBe(true);
    const order = training.map((f) => f.probe.slice);
    expect(order.slice(1).every((s, i) => s === (order[i] + 1) % 3)).toBe(true);
    const counts = (h: { counts: Uint32Array }) => h.counts.reduce((a, b) => a + b, 0);
    expect(counts(training[0].layers[0].preHist)).toBe(160 * 256);
    core.send({ type: 'pause' });
    await core.next('status', (s) => s.state === 'paused');
    const paused = (await core.next('frame', (f) => f.frame.probe.slices === 1)).frame;
    expect(paused.probe).toEqual({ samples: 480, slice: 0, slices: 1 });
    expect(counts(paused.layers[0].preHist)).toBe(480 * 256);
  });

  it('steps exactly n updates', async () => {
    await load();
    core.send({ type: 'step', n: 25 });
    const frame = await core.next('frame', (f) => f.frame.step === 25);
    expect(frame.frame.step).toBe(25);
    const status = await core.next('status', (st) => st.step === 25);
    expect(status.state).toBe('paused');
  });

  it('resets to the same initial network for the same seed', async () => {
    const first = (await load()).experiment;
    const before = core.of('frame')[0].frame.layers[0].weight!.slice();
    core.send({ type: 'step', n: 5 });
    await core.next('frame', (f) => f.frame.step === 5);
    core.send({ type: 'reset' });
    const again = await core.next('frame', (f) => f.frame.step === 0);
    expect(Array.from(again.frame.layers[0].weight!)).toEqual(Array.from(before));
    expect(first.seed).toBe(3);
    core.send({ type: 'reset', seed: 4 });
    const other = await core.next('frame', (f) => f.frame.step === 0);
    expect(Array.from(other.frame.layers[0].weight!)).not.toEqual(Array.from(before));
  });

  it('answers malformed and unknown messages with an error event and keeps working', async () => {
    core.sendRaw('not an object');
    expect((await core.next('error')).code).toBe('bad-message');
    core.sendRaw({ type: 'play' });
    expect((await core.next('error')).message).toMatch(/protocol/);
    core.send({ type: 'fly' });
    expect((await core.next('error')).message).toMatch(/unknown command "fly"/);
    core.send({ type: 'step', n: -1 });
    expect((await core.next('error')).message).toMatch(/step\.n/);
    core.send({ type: 'play' });
    expect((await core.next('error')).code).toBe('no-experiment');
    core.send({ type: 'load', experiment: { ...spiral, network: { ...spiral.network, layers: [{ units: -3, activation: 'relu' }] } } });
    const bad = await core.next('error');
    expect(bad.code).toBe('bad-experiment');
    expect(bad.message).toMatch(/network\.layers\[0\]\.units/);
    await load();
  });

  it('survives a burst of 1,000 commands and ends in the state of the last one', async () => {
    await load();
    for (let i = 0; i < 1000; i++) core.send({ type: i % 2 === 0 ? 'play' : 'pause' });
    core.send({ type: 'pause' });
    // Answered after every command before it.
    core.send({ type: 'exportWeights' });
    await core.next('weights', (w) => !w.checkpoint);
    expect(core.of('error')).toEqual([]);
    expect(core.of('status').at(-1)!.state).toBe('paused');
  });

  it('never has more than two frames in flight when the renderer is slow, and keeps training', async () => {
    const framesBefore = await playUnacknowledged();
    // The whole run (15,000 steps) trains with no frame acknowledged.
    const done = await core.next('status', (st) => st.state === 'done', 60_000);
    expect(done.step).toBe(15_000);
    const sent = core.of('frame').length - framesBefore;
    expect(sent).toBeLessThanOrEqual(2);
    // Acknowledging frees slots: the newest state arrives, not a backlog.
    const seq = core.of('frame').at(-1)!.frame.seq;
    core.send({ type: 'ack', seq });
    core.send({ type: 'ack', seq });
    const fresh = await core.next('frame');
    expect(fresh.frame.step).toBeGreaterThan(100);
    core.send({ type: 'pause' });
  });

  it('shows a unit clicked while training at full speed in the next step\'s frame, even with two frames in flight', async () => {
    await playUnacknowledged();
    // Both slots taken and never freed: a renderer busy drawing.
    await core.next('frame', (f) => f.frame.step > 0);
    await core.next('frame', (f) => f.frame.step > 0);
    const before = await core.next('status', (s) => s.state === 'running' && s.step > 200);
    core.send({ type: 'inspect', unit: { layer: 1, unit: 3 } });
    const shown = (await core.next('frame', (f) => f.frame.unit !== null)).frame;
    expect(shown.unit).toMatchObject({ layer: 1, unit: 3 });
    expect(shown.step).toBeGreaterThanOrEqual(before.step);
    // One frame over the two in flight, not a way around the limit: the next waits for an acknowledgement.
    const sent = core.of('frame').length;
    await core.next('status', (s) => s.step > shown.step + 500);
    expect(core.of('frame').length).toBe(sent);
    core.send({ type: 'pause' });
  });

  it('shows the step a pause stopped at, even to a renderer that was behind', async () => {
    await playUnacknowledged();
    await core.next('status', (s) => s.state === 'running' && s.step > 50);
    core.send({ type: 'pause' });
    const paused = await core.next('status', (s) => s.state === 'paused');
    const inFlight = core.of('frame').slice(-2);
    expect(inFlight.every((f) => f.frame.step < paused.step)).toBe(true);
    const shown = core.next('frame');
    for (const f of inFlight) core.send({ type: 'ack', seq: f.frame.seq });
    expect((await shown).frame.step).toBe(paused.step);
  });

  it('changes the learning rate live and refuses a bad value with the field named', async () => {
    await load();
    core.send({ type: 'set', path: 'training.optimizer.lr', value: -1 });
    const e = await core.next('error');
    expect(e.message).toMatch(/training\.optimizer\.lr/);
    core.send({ type: 'set', path: 'training.optimizer.lr', value: 0.5 });
    core.send({ type: 'exportWeights' });
    const w = await core.next('weights');
    expect(w.weights.layers).toHaveLength(3);
    expect(w.weights.layers[0].weight).toHaveLength(8);
  });

  it('keeps the live values it was set in the run: a reset starts from them', async () => {
    await load();
    core.send({ type: 'set', path: 'training.optimizer.lr', value: 0.5 });
    core.send({ type: 'set', path: 'training.batchSize', value: 'full' });
    core.send({ type: 'set', path: 'training.optimizer', value: { kind: 'adamw', lr: 0.002 } });
    core.send({ type: 'set', path: 'training.optimizer.weightDecay', value: 0.05 });
    core.send({ type: 'reset' });
    const { experiment } = await core.next('loaded');
    expect(experiment.training).toMatchObject({ batchSize: 'full', optimizer: { kind: 'adamw', lr: 0.002, weightDecay: 0.05, beta1: 0.9 } });
  });

  it('reports divergence with the step, what it saw and what to try', async () => {
    await load({ ...spiral, training: { ...spiral.training, optimizer: { kind: 'sgd', lr: 1e30 } } });
    core.send({ type: 'play' });
    const e = await core.next('error', (x) => x.code === 'diverged');
    expect(e.message).toMatch(/at step \d+: (layer \d|the output layer) \([\w-]+\)'s/);
    expect(e.message).toMatch(/the learning rate \(now 1e\+30\) is too high/);
    expect(core.of('status').at(-1)!.state).toBe('diverged');
  });

  it('estimates the born-dead probability with progress', async () => {
    await load({
      ...spiral,
      network: {
        inputs: 2,
        layers: [...Array.from({ length: 10 }, () => ({ units: 2, activation: 'relu', init: 'he-normal' })), { units: 3, activation: 'linear' }],
        loss: 'softmax-cross-entropy',
      },
    });
    core.send({ type: 'bornDead', trials: 300 });
    const done = await core.next('bornDead', (e) => e.done === 300);
    expect(done.probability).toBeGreaterThan(0.2);
    expect(done.stderr).toBeGreaterThan(0);
  });

  it('resumes after a crash from the last weights the core sent', async () => {
    await load();
    core.send({ type: 'step', n: 10 });
    await core.next('frame', (f) => f.frame.step === 10);
    core.send({ type: 'exportWeights' });
    const saved = await core.next('weights');
    // The core dies; the renderer keeps the design and the weights and starts a new one.
    const exit = new Promise((r) => core.worker.once('exit', r));
    await core.worker.terminate();
    await exit;
    core = await CoreHarness.start();
    core.send({ type: 'load', experiment: spiral, resume: { step: saved.step, weights: saved.weights } });
    const frame = (await core.next('frame')).frame;
    expect(frame.step).toBe(10);
    expect(Array.from(frame.layers[0].weight!)).toEqual(saved.weights.layers[0].weight.flat().map(Math.fround));
    core.send({ type: 'load', experiment: spiral, resume: { step: 3, weights: { format: 'relu-lab/weights@1', layers: [] } } });
    const bad = await core.next('error');
    expect(bad.message).toMatch(/weights\.layers/);
  });

  it('slows down to a chosen number of steps per second, so a class can watch', async () => {
    await load();
    core.send({ type: 'set', path: 'run.stepsPerSecond', value: 40 });
    core.send({ type: 'play' });
    await core.next('status', (s) => s.state === 'running');
    const started = performance.now();
    await core.next('status', (s) => s.step >= 40);
    // 40 steps at 40 a second take about a second (25 to 60 steps a second pass, as status comes every 100 ms).
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(40 / 60);
    expect(seconds).toBeLessThanOrEqual(40 / 25);
    core.send({ type: 'pause' });
    await core.next('status', (s) => s.state === 'paused');
    core.send({ type: 'set', path: 'run.stepsPerSecond', value: -2 });
    expect((await core.next('error')).message).toMatch(/run\.stepsPerSecond/);
  });

  it('takes the text of a CSV sent with load, even where it could read files itself', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2 === 0 ? 'yes' : 'no'}`);
    const csv = ['x1,x2,label', ...rows].join('\n');
    core.send({
      type: 'load',
      experiment: { ...spiral, data: { kind: 'csv', path: 'dropped.csv', labelColumn: 'label', testFraction: 0.25 }, network: { ...spiral.network, layers: [spiral.network.layers[0], { units: 2, activation: 'linear' }] } },
      files: { 'dropped.csv': csv },
    });
    const loaded = await core.next('loaded');
    expect(loaded.dataset).toMatchObject({ inputs: 2, classes: 2, trainSize: 30, testSize: 10, classNames: ['no', 'yes'] });
  });
});
