/**
 * `relu-lab` — the headless CLI (DESIGN §5). Exit codes: 0 success, 2 bad
 * input (the message names the field, row or flag), 1 anything else.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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
import { runInfo } from '../core/rundir/write';
import { RunFolderExists, RunFolderWriter, writeAtomically } from './runFolder';

// The same kernels as every other host, so runs agree bit for bit (a second thread changes only the speed).
setDefaultKernels(fastestKernels({ threads: nodeHelper() }));

const HELP = `relu-lab — train small networks headless and watch ReLU behave

Usage:
  relu-lab run <experiment.relu.json> --out <dir> [--overwrite]
      Trains the experiment into the run folder <dir> (relu-lab/rundir@1,
      which ReLU Lab opens): run.json, metrics.jsonl and units.jsonl, plus
      weights.json (final, relu-lab/weights@1) and summary.json. A folder
      that already holds a run is refused unless --overwrite.
  relu-lab born-dead <experiment.relu.json> [--trials N]
      Monte Carlo probability that a fresh init of the network is born dead
      (some hidden layer inactive on every probe input). Prints
      {"probability", "stderr", "trials"} as JSON. Default 1000 trials.
  relu-lab pytorch <experiment.relu.json> [--weights <weights.json>]
      Prints the network as PyTorch code (nn.Sequential, init, loss,
      optimizer, and commented lines that watch it with relu_lab); with
      --weights, also the lines that load that weights file (checked against
      the network first), otherwise those that load the experiment's own
      weights, if it has any.
  relu-lab --help
      This text.

Exit codes: 0 success, 2 bad input (the message names the field), 1 other errors.
`;

class InputError extends Error {}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, new Set(['out', 'trials', 'weights']));
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
    default:
      throw new UsageError(`unknown command "${args.command}" (expected run, born-dead or pytorch; see --help)`);
  }
}

async function run(positional: string[], flags: Map<string, string | true>): Promise<number> {
  const file = onlyFile(positional, 'run');
  const out = flags.get('out');
  if (typeof out !== 'string') throw new UsageError('run needs --out <dir>');
  const { experiment, dataset } = await loadExperimentFile(file);
  let folder: RunFolderWriter;
  try {
    folder = new RunFolderWriter(out, flags.has('overwrite'));
  } catch (e) {
    if (e instanceof RunFolderExists) throw new UsageError(`--out: ${e.message}; choose another folder, or add --overwrite to replace it`);
    throw e;
  }
  const tty = process.stderr.isTTY;
  let result: ReturnType<typeof runExperiment>;
  try {
    result = runExperiment(experiment, dataset, {
      begin: (trainer) => folder.writeInfo(runInfo(experiment, trainer, { version: appVersion(), writer: 'relu-lab run' }, new Date())),
      units: (line) => folder.appendUnits(line),
      record: (r) => folder.appendMetrics(r),
      progress: tty
        ? (step, total) => process.stderr.write(`\r${experiment.name}: step ${step}/${total} (${Math.round((100 * step) / Math.max(total, 1))} %)   `)
        : undefined,
    }, () => performance.now());
  } finally {
    folder.close();
  }
  const { summary, weights } = result;
  if (tty) process.stderr.write('\n');
  writeAtomically(join(out, 'weights.json'), serializeWeights(weights));
  writeAtomically(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
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

/** The app's version, from the package.json next to the bundle (dist/cli.mjs). */
function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
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
  // Embedded weights are loaded from the experiment file itself, as the user names it.
  process.stdout.write(generatePyTorch(experiment, weights === undefined ? { experimentFile: file } : { weightsFile: weights }));
  return 0;
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
