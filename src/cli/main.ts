/**
 * `relu-lab` — the headless CLI (DESIGN §5). Exit codes: 0 success, 2 bad
 * input (the message names the field, row or flag), 1 anything else.
 */
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../core/data/load';
import { ValidationError } from '../core/experiment/errors';
import { parseExperimentText } from '../core/experiment/parse';
import type { Dataset } from '../core/data/types';
import { neverActiveWord, type Experiment } from '../core/experiment/types';
import { BornDeadEstimator } from '../core/train/born-dead';
import { parseWeightsText, serializeWeights } from '../core/weights/format';
import { generatePyTorch } from '../core/export/pytorch';
import { printable } from '../core/text/printable';
import { parseArgs, usageLine, UsageError, type CommandFlags } from './args';
import { runExperiment, type RunSummary } from '../core/train/run';
import { setDefaultKernels } from '../core/kernels';
import { fastestKernels } from '../core/kernels/wasm';
import { nodeHelper } from '../core/host/node-threads';
import { writeFileAtomic, writeFailureReason } from '../node/atomicWrite';
import { ensureWebApp, SERVE_ABOUT, SERVE_FLAGS, serveCommand, ServeUsageError } from '../server/serveCommand';
import { RUN_FILES } from '../core/rundir/format';
import { runInfo } from '../core/rundir/write';
import { probeSize } from '../core/train/probe';
import { RunFolderExists, RunRecordsWriter } from './runFolder';

// The same kernels as every other host, so runs agree bit for bit (a second thread changes only the speed).
setDefaultKernels(fastestKernels({ threads: nodeHelper() }));

type Flags = Map<string, string | true>;

interface Command extends CommandFlags {
  /** Positional arguments as the usage line shows them. */
  args: string;
  /** What it does, for --help (lines are indented there). */
  about: string;
  run(positional: string[], flags: Flags): Promise<number>;
}

/** Every command and exactly the flags it takes: a new command is one entry here (help and flag checks follow from it). */
const COMMANDS: Record<string, Command> = {
  run: {
    args: '<experiment.relu.json>',
    flags: { out: { value: '<dir>', required: true }, overwrite: {} },
    about: `Trains the experiment into the run folder <dir> (relu-lab/rundir@1,
which the app and relu-lab serve open): run.json, metrics.jsonl and
units.jsonl, plus weights.json (final, relu-lab/weights@1) and
summary.json. <dir> is created if missing; one that already holds a run
is refused unless --overwrite.`,
    run: runCommand,
  },
  'born-dead': {
    args: '<experiment.relu.json>',
    flags: { trials: { value: '<N>' } },
    about: `Monte Carlo probability that a fresh init of the network is born dead
(some hidden layer inactive on every probe input). Prints
{"probability", "stderr", "trials"} as JSON. Default 1000 trials.`,
    run: bornDeadCommand,
  },
  pytorch: {
    args: '<experiment.relu.json>',
    flags: { weights: { value: '<weights.json>' } },
    about: `Prints the network as PyTorch code (nn.Sequential, init, loss,
optimizer, and commented lines that watch it with relu_lab); with
--weights, also the lines that load that weights file (checked against
the network first), otherwise those that load the experiment's own
weights, if it has any.`,
    run: pytorchCommand,
  },
  serve: { args: '', flags: SERVE_FLAGS, about: SERVE_ABOUT, run: serveRuns },
};

function help(): string {
  const commands = Object.entries(COMMANDS).map(([name, c]) => {
    const about = c.about.split('\n').map((line) => `      ${line}`).join('\n');
    return `  ${usageLine('relu-lab', name, c.args, c)}\n${about}`;
  });
  return `relu-lab — train small networks headless and watch ReLU behave

Usage:
${commands.join('\n')}
  relu-lab --help
      This text.

A data file an experiment names (data.path) is read relative to the
experiment file's folder.

Exit codes: 0 success, 2 bad input (the message names the field or flag), 1 other errors.
`;
}

class InputError extends Error {}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, COMMANDS);
  if (args.help || args.command === null) {
    process.stdout.write(help());
    return args.help ? 0 : 2;
  }
  return COMMANDS[args.command].run(args.positional, args.flags);
}

async function runCommand(positional: string[], flags: Flags): Promise<number> {
  const file = onlyFile(positional, 'run');
  const out = flags.get('out') as string;
  const { experiment, dataset } = await loadExperimentFile(file);
  await makeFolder(out, '--out');
  let records: RunRecordsWriter;
  try {
    records = new RunRecordsWriter(out, flags.has('overwrite'));
  } catch (e) {
    if (e instanceof RunFolderExists) throw new UsageError(`--out: ${e.message}; choose another folder, or add --overwrite to replace it`);
    throw e;
  }
  const tty = process.stderr.isTTY;
  const name = printable(experiment.name);
  let result: Awaited<ReturnType<typeof runExperiment>>;
  try {
    const info = runInfo(experiment, probeSize(dataset.train.n, experiment.monitor.probe), { version: appVersion(), writer: 'relu-lab run' }, new Date());
    await writeOutput(join(out, RUN_FILES.info), `${JSON.stringify(info, null, 2)}\n`);
    // The run's own limits (its length, its buffers) are known only with the data: still the file's fault.
    result = await withSource(file, () => runExperiment(experiment, dataset, {
      units: (line) => records.appendUnits(line),
      record: (r) => records.appendMetrics(r),
      progress: tty
        ? (step, total) => process.stderr.write(`\r${name}: step ${step}/${total} (${Math.round((100 * step) / Math.max(total, 1))} %)   `)
        : undefined,
    }, () => performance.now()));
  } finally {
    records.close();
  }
  const { summary, weights } = result;
  if (tty) process.stderr.write('\n');
  const weightsFile = join(out, 'weights.json');
  if (weights) await writeOutput(weightsFile, serializeWeights(weights));
  // No finite weights: a weights.json left by an earlier run in this folder must not pass for this run's.
  else await fs.rm(weightsFile, { force: true });
  await writeOutput(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (summary.diverged) {
    process.stderr.write(`relu-lab: ${printable(summary.diverged.message)}\n`);
    process.stderr.write(`relu-lab: ${weightsNote(summary)}\n`);
    return 1;
  }
  const f = summary.final;
  const acc = f.accuracy !== undefined ? `, accuracy ${(100 * f.accuracy).toFixed(1)} %` : '';
  process.stdout.write(`${name}: ${summary.steps} steps, loss ${f.loss.toPrecision(4)}${acc}; never-active units: ${neverActive(summary)} → ${printable(out)}\n`);
  return 0;
}

/** "layer 1 (relu): 3/8 dead · layer 2 (sigmoid): 0/8 dormant", in the app's words (DESIGN §3). */
function neverActive(summary: RunSummary): string {
  const layers = summary.layers.map((l) => `layer ${l.index + 1} (${l.activation}): ${l.deadUnits.length}/${l.units} ${neverActiveWord(l.zeroGradientWhenInactive)}`);
  return layers.join(' · ') || 'no hidden layers';
}

function weightsNote(summary: RunSummary): string {
  if (summary.weightsStep === null) return 'no weights were ever finite: weights.json is not written';
  const at = summary.weightsStep === summary.diverged?.step ? 'the ones the diverging step started from' : 'from the last record before the divergence';
  return `weights.json holds the last finite weights, those of step ${summary.weightsStep} (${at}); summary.json says so in weightsStep`;
}

async function bornDeadCommand(positional: string[], flags: Flags): Promise<number> {
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

async function pytorchCommand(positional: string[], flags: Flags): Promise<number> {
  const file = onlyFile(positional, 'pytorch');
  const text = await readInput(file);
  const experiment = await withSource(file, () => parseExperimentText(text));
  const weights = flags.get('weights') as string | undefined;
  if (weights !== undefined) {
    const weightsText = await readInput(weights);
    await withSource(weights, () => parseWeightsText(weightsText, experiment.network));
  }
  // Embedded weights are loaded from the experiment file itself, as the user names it.
  process.stdout.write(generatePyTorch(experiment, weights === undefined ? { experimentFile: file } : { weightsFile: weights }));
  return 0;
}

async function serveRuns(positional: string[], flags: Flags): Promise<number> {
  const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t) };
  // dist/cli.mjs sits in <package>/dist: the web app and vite are found from the package's root.
  const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  try {
    return await serveCommand(positional, flags, () => ensureWebApp(packageRoot, io), io);
  } catch (e) {
    if (e instanceof ServeUsageError) throw new UsageError(e.message);
    throw e;
  }
}

async function readInput(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
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
  // The user names the experiment file; the data file it names is found next to it, not in the working folder.
  const base = dirname(resolve(file));
  const dataset = await withSource(file, () =>
    loadDataset(experiment.data, experiment.network, experiment.seed, (path) => fs.readFile(resolve(base, path), 'utf8')),
  );
  return { experiment, dataset };
}

/**
 * `mkdir -p` that fails fast and says why, naming the flag: Node 20's
 * recursive mkdir loops forever under /proc, and answers an existing file
 * with a bare EEXIST.
 */
async function makeFolder(dir: string, flag: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const kind = await fs.stat(at).then((s) => (s.isDirectory() ? 'folder' : 'file'), (e: NodeJS.ErrnoException) => e.code ?? 'error');
    if (kind === 'folder') break;
    if (kind === 'file') throw new UsageError(`${flag}: ${at} is a file, not a folder`);
    if (kind !== 'ENOENT' && kind !== 'ENOTDIR') throw new UsageError(`${flag}: cannot create ${dir} (${kind})`);
    missing.unshift(at);
    if (dirname(at) === at) break;
    at = dirname(at);
  }
  for (const folder of missing) {
    await fs.mkdir(folder).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`${flag}: cannot create ${dir} (${e.code ?? e.message})`);
    });
  }
}

/** The app's version, from the package.json next to the bundle (dist/cli.mjs). */
function appVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function writeOutput(path: string, text: string): Promise<void> {
  await writeFileAtomic(fs, path, text).catch((e: unknown) => {
    throw new Error(`cannot write ${path}: ${writeFailureReason(e)}`);
  });
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
    // Messages quote the user's files: nothing in them may reach the terminal as a control sequence.
    if (e instanceof UsageError || e instanceof InputError || e instanceof ValidationError) {
      process.stderr.write(`relu-lab: ${printable(e.message)}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`relu-lab: unexpected error: ${printable(e instanceof Error ? e.message : String(e))}\n`);
      process.exitCode = 1;
    }
  },
);
