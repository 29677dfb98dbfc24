/**
 * `relu-lab` — the headless CLI (DESIGN §5). Exit codes: 0 success, 2 bad
 * input (the message names the field, row or flag), 1 anything else.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../core/data/load';
import { ValidationError } from '../core/experiment/errors';
import { parseExperimentText } from '../core/experiment/parse';
import type { Dataset } from '../core/data/types';
import type { Experiment } from '../core/experiment/types';
import { BornDeadEstimator } from '../core/train/born-dead';
import { parseWeightsText, serializeWeights } from '../core/weights/format';
import { generatePyTorch } from '../core/export/pytorch';
import { parseArgs, UsageError } from './args';
import { runExperiment } from '../core/train/run';
import { setDefaultKernels } from '../core/kernels';
import { fastestKernels } from '../core/kernels/wasm';
import { nodeHelper } from '../core/host/node-threads';
import { parseServeFlags, serve, ServeUsageError } from '../server/serveCommand';

// The same kernels as every other host, so runs agree bit for bit (a second thread changes only the speed).
setDefaultKernels(fastestKernels({ threads: nodeHelper() }));

const HELP = `relu-lab — train small networks headless and watch ReLU behave

Usage:
  relu-lab run <experiment.relu.json> --out <dir>
      Trains the experiment; writes <dir>/metrics.jsonl, <dir>/weights.json
      (final, relu-lab/weights@1) and <dir>/summary.json.
  relu-lab born-dead <experiment.relu.json> [--trials N]
      Monte Carlo probability that a fresh init of the network is born dead
      (some hidden layer inactive on every probe input). Prints
      {"probability", "stderr", "trials"} as JSON. Default 1000 trials.
  relu-lab pytorch <experiment.relu.json> [--weights <weights.json>]
      Prints the network as PyTorch code (nn.Sequential, init, loss,
      optimizer); with --weights, also the lines that load that weights file
      (checked against the network first).
  relu-lab serve --logdir <dir> [--host 127.0.0.1] [--port 6070]
      Serves the web app and the run folders under <dir> (written by
      relu_lab.watch in PyTorch, or by relu-lab run), read-only: open the
      address it prints to list the runs, open them, compare them and follow
      them live. Binds 127.0.0.1 unless --host says otherwise.
  relu-lab --help
      This text.

Exit codes: 0 success, 2 bad input (the message names the field), 1 other errors.
`;

class InputError extends Error {}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['out', 'trials', 'weights', 'logdir', 'host', 'port']));
  if (args.flags.has('help') || args.command === null || args.command === 'help') {
    process.stdout.write(HELP);
    return args.command === null && !args.flags.has('help') ? 2 : 0;
  }
  switch (args.command) {
    case 'run':
      return run(args.positional, args.flags);
    case 'born-dead':
      return bornDead(args.positional, args.flags);
    case 'pytorch':
      return pytorch(args.positional, args.flags);
    case 'serve':
      return serveRuns(args.positional, args.flags);
    default:
      throw new UsageError(`unknown command "${args.command}" (expected run, born-dead, pytorch or serve; see --help)`);
  }
}

async function run(positional: string[], flags: Map<string, string | true>): Promise<number> {
  const file = onlyFile(positional, 'run');
  const out = flags.get('out');
  if (typeof out !== 'string') throw new UsageError('run needs --out <dir>');
  const { experiment, dataset } = await loadExperimentFile(file);
  await mkdir(out, { recursive: true });
  const metrics = createWriteStream(join(out, 'metrics.jsonl'));
  const tty = process.stderr.isTTY;
  const { summary, weights } = runExperiment(experiment, dataset, {
    record: (r) => metrics.write(`${JSON.stringify(r)}\n`),
    progress: tty
      ? (step, total) => process.stderr.write(`\r${experiment.name}: step ${step}/${total} (${Math.round((100 * step) / Math.max(total, 1))} %)   `)
      : undefined,
  }, () => performance.now());
  if (tty) process.stderr.write('\n');
  await new Promise<void>((done, fail) => metrics.end((e?: Error | null) => (e ? fail(e) : done())));
  await writeFile(join(out, 'weights.json'), serializeWeights(weights));
  await writeFile(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (summary.diverged) {
    process.stderr.write(`relu-lab: ${summary.diverged.message}\n`);
    return 1;
  }
  const f = summary.final;
  const acc = f.accuracy !== undefined ? `, accuracy ${(100 * f.accuracy).toFixed(1)} %` : '';
  const dead = summary.layers.map((l) => `${l.deadUnits.length}/${l.units}`).join(' · ');
  process.stdout.write(`${experiment.name}: ${summary.steps} steps, loss ${f.loss.toPrecision(4)}${acc}; dead units per hidden layer ${dead || '—'} → ${out}\n`);
  return 0;
}

async function bornDead(positional: string[], flags: Map<string, string | true>): Promise<number> {
  const file = onlyFile(positional, 'born-dead');
  const raw = flags.get('trials') ?? '1000';
  const trials = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(trials) || trials < 1 || trials > 10_000_000) {
    throw new UsageError(`--trials: expected an integer from 1 to 10000000, got "${String(raw)}"`);
  }
  const { experiment, dataset } = await loadExperimentFile(file);
  const estimator = new BornDeadEstimator(experiment, dataset);
  estimator.run(trials);
  const r = estimator.result();
  process.stdout.write(`${JSON.stringify({ probability: r.probability, stderr: r.stderr, trials: r.trials })}\n`);
  return 0;
}

async function pytorch(positional: string[], flags: Map<string, string | true>): Promise<number> {
  const file = onlyFile(positional, 'pytorch');
  const text = await readInput(file);
  const experiment = await withSource(file, () => parseExperimentText(text));
  const weights = flags.get('weights');
  if (weights === true) throw new UsageError('--weights needs a file');
  if (weights !== undefined) {
    const weightsText = await readInput(weights);
    await withSource(weights, () => parseWeightsText(weightsText, experiment.network));
  }
  process.stdout.write(generatePyTorch(experiment, weights === undefined ? {} : { weightsFile: weights }));
  return 0;
}

async function serveRuns(positional: string[], flags: Map<string, string | true>): Promise<number> {
  if (positional.length > 0) throw new UsageError(`serve takes no file (got ${positional.join(' ')}); the runs' folder is --logdir <dir>`);
  const value = (name: string): string | undefined => {
    const v = flags.get(name);
    if (v === true) throw new UsageError(`--${name} needs a value`);
    return v;
  };
  try {
    const options = parseServeFlags({ logdir: value('logdir'), host: value('host'), port: value('port') });
    // dist/cli.mjs sits in <package>/dist: the web app and vite are found from the package's root.
    const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
    return await serve(options, { packageRoot, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  } catch (e) {
    if (e instanceof ServeUsageError) throw new UsageError(e.message);
    throw e;
  }
}

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function onlyFile(positional: string[], command: string): string {
  if (positional.length !== 1) throw new UsageError(`${command} takes one experiment file (got ${positional.length}); see --help`);
  return positional[0];
}

async function loadExperimentFile(file: string): Promise<{ experiment: Experiment; dataset: Dataset }> {
  const text = await readInput(file);
  const experiment = await withSource(file, () => parseExperimentText(text));
  const base = dirname(resolve(file));
  const dataset = await withSource(file, () =>
    loadDataset(experiment.data, experiment.network, experiment.seed, (path) => readFile(resolve(base, path), 'utf8')),
  );
  return { experiment, dataset };
}

/** Puts the file's name in front of a validation message (the CLI's only context for it). */
async function withSource<T>(file: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ValidationError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof InputError || e instanceof ValidationError) {
      process.stderr.write(`relu-lab: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`relu-lab: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
