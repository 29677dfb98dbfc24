/**
 * `npm run bench:memory`: a run of 1,000,000 steps of a small network (the
 * default spiral, 2-8-8-3) through the real session at full speed, every
 * frame appended to the renderer's RunHistory and acknowledged at once, as a
 * fast renderer would. Samples the heap after a full collection every
 * 100,000 steps and reports whether the core and the history stay bounded:
 * the core must keep nothing per step, the history thins old points.
 *
 * The session's clock runs CLOCK_SPEEDUP times fast, so frames (at most one
 * per 33 ms of its clock) come that much more often: the history receives
 * about as many frames as in a real-time run that long, i.e. far more than
 * it keeps, and has to thin them.
 */
import { setDefaultKernels } from '../src/core/kernels';
import { fastestKernels } from '../src/core/kernels/wasm';
import { defaultExperiment } from '../src/core/experiment/defaults';
import { PROTOCOL_VERSION, type CoreEvent, type Envelope } from '../src/core/protocol/messages';
import { startSession } from '../src/core/session/session';
import { RunHistory } from '../src/renderer/history';

const MiB = 2 ** 20;
const CLOCK_SPEEDUP = 30;

interface Sample {
  step: number;
  seconds: number;
  heapMiB: number;
  arrayBuffersMiB: number;
  historyRecords: number;
  frames: number;
}

export async function main(_benchDir: string, argv: string[]): Promise<void> {
  const at = argv.indexOf('--steps');
  const steps = at >= 0 ? Number(argv[at + 1]) : 1_000_000;
  const every = Math.max(1, Math.round(steps / 10));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench:memory needs node --expose-gc');
  setDefaultKernels(fastestKernels());

  const history = new RunHistory();
  let handler: (data: unknown) => void = () => {};
  const send = (command: Record<string, unknown>) => handler({ ...command, protocol: PROTOCOL_VERSION });
  const samples: Sample[] = [];
  let frames = 0;
  let next = every;
  const started = performance.now();
  const sample = (step: number): void => {
    // Twice: after one full collection, array buffers that died in it may not
    // be freed yet (up to 6 MiB here between samples, none after a second).
    gc();
    gc();
    const m = process.memoryUsage();
    samples.push({
      step,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      heapMiB: round(m.heapUsed / MiB),
      arrayBuffersMiB: round(m.arrayBuffers / MiB),
      historyRecords: history.length,
      frames,
    });
    const s = samples[samples.length - 1];
    console.log(`step ${String(step).padStart(8)}  ${String(s.seconds).padStart(6)} s  heap ${s.heapMiB} MiB  array buffers ${s.arrayBuffersMiB} MiB  history ${s.historyRecords} records of ${frames} frames`);
  };

  await new Promise<void>((resolve, reject) => {
    startSession(
      {
        post(event: Envelope<CoreEvent>) {
          if (event.type === 'frame') {
            frames++;
            history.append(event.frame);
            send({ type: 'ack', seq: event.frame.seq });
          } else if (event.type === 'status') {
            if (event.step >= next) {
              sample(event.step);
              next += every;
            }
            if (event.state === 'done') resolve();
            if (event.state === 'diverged') reject(new Error(`the run diverged at step ${event.step}`));
          } else if (event.type === 'error') {
            reject(new Error(`${event.code}: ${event.message}`));
          }
        },
        onMessage: (h) => { handler = h; },
      },
      { now: () => performance.now() * CLOCK_SPEEDUP, schedule: (fn) => setImmediate(fn), later: (fn, ms) => setTimeout(fn, ms / CLOCK_SPEEDUP) },
    );
    const experiment = defaultExperiment();
    experiment.training.steps = steps;
    send({ type: 'load', experiment });
    send({ type: 'set', path: 'run.stepsPerSecond', value: 0 });
    send({ type: 'play' });
  });

  // Bounded: the end of the run may not hold more than 10 % (plus 1 MiB) over
  // the most any sample of the first half held.
  const firstHalf = samples.slice(0, Math.ceil(samples.length / 2));
  const last = samples[samples.length - 1];
  const heapBefore = Math.max(...firstHalf.map((s) => s.heapMiB));
  const buffersBefore = Math.max(...firstHalf.map((s) => s.arrayBuffersMiB));
  const bounded = last.heapMiB <= heapBefore * 1.1 + 1 && last.arrayBuffersMiB <= buffersBefore * 1.1 + 1;
  console.log(
    `\n${steps} steps in ${last.seconds} s; at most ${heapBefore} MiB heap and ${buffersBefore} MiB array buffers up to step ${firstHalf[firstHalf.length - 1].step}, ` +
      `${last.heapMiB} and ${last.arrayBuffersMiB} at ${last.step}: ${bounded ? 'bounded ✓' : 'GROWS ✗'}`,
  );
  if (!bounded) process.exitCode = 1;
}

const round = (v: number): number => Math.round(v * 10) / 10;
