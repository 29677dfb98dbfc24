/**
 * Reads a run folder as its bytes arrive (all at once, or appended while the
 * run trains): run.json, then metrics.jsonl and units.jsonl in any
 * interleaving. Complete lines are validated and joined by step into
 * records handed out in step order; everything it cannot take is a problem
 * naming the file and line, and the rest is still read (DESIGN §4).
 */
import { RUN_FILES, type RecordFile, type RunInfo, type RunLayerInfo } from './format';
import { LineSplitter, type LineSink } from './lines';
import { parseJsonLine, parseMetricsLine, parseRunInfo, parseUnitsLine, RunFieldError } from './parse';
import type { RecordUnits, RunProblem, RunRecord } from './records';

export interface RunReaderSink {
  /** What the run is: run.json, or (without one) what the first records tell (`inferred`). */
  info(info: RunInfo, inferred: boolean): void;
  /** New records, in increasing step order. */
  records(records: RunRecord[]): void;
  problem(problem: RunProblem): void;
  /** What was handed out no longer holds (the run was replaced): forget it; records follow from the start. */
  restart(reason: string): void;
}

/** Lines longer than this are reported and skipped (a units line of 8 layers × 256 units is ~20 kB). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** Problems listed per file; past this, one line says more were skipped. */
export const PROBLEMS_LISTED = 20;

export interface ReaderOptions {
  maxLineBytes?: number;
  /**
   * Units lines read in full while reading what a units.jsonl already holds:
   * a viewer keeps a bounded, thinned history anyway, and a units line is
   * ~95 % of a folder's bytes, so in a big folder only every k-th line
   * (k a power of two, from the file's size) and the last one are parsed;
   * the others give only their step (their records' metrics are all read).
   * Appends after the first catch-up are all read. Default: every line.
   */
  unitsBudget?: number;
}

/** Units lines looked at before the stride is chosen from their mean length. */
const LINES_TO_MEASURE = 16;
/** A units line's step, from its start: writers put it first (DESIGN §4). */
const LEADING_STEP = /^\s*\{\s*"step"\s*:\s*(\d+)\s*,/;

interface PendingUnits {
  step: number;
  layers: RecordUnits[];
}

export class RunFolderReader {
  private infoText: string | null = null;
  private infoKnown: RunInfo | null = null;
  private infoState: 'waiting' | 'read' | 'missing' = 'waiting';
  private readonly splitters: Record<RecordFile, LineSplitter>;
  private readonly problems = new Map<string, number>();
  /** Metrics records waiting for their units line, oldest first, with the catch-up round they arrived in. */
  private waiting: { record: RunRecord; round: number }[] = [];
  /** Units lines whose metrics line has not come yet (the writer appends units first). */
  private early: PendingUnits[] = [];
  private lastStep = -1;
  private lastUnitsStep = -1;
  private unitsMissing = false;
  private round = 0;
  private out: RunRecord[] = [];
  private readonly unitsBudget: number;
  /** units.jsonl's size as the source last said (the end of what is there to catch up with). */
  private unitsTotal: number | null = null;
  /** Every k-th units line is read in full while catching up; 1 once caught up. */
  private unitsStride = 1;
  private caughtUpOnce = false;

  constructor(private readonly sink: RunReaderSink, options: ReaderOptions = {}) {
    const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.unitsBudget = options.unitsBudget ?? Infinity;
    this.splitters = {
      [RUN_FILES.metrics]: new LineSplitter(maxLineBytes),
      [RUN_FILES.units]: new LineSplitter(maxLineBytes),
    } as Record<RecordFile, LineSplitter>;
  }

  /** The run's description as known now (null until run.json or the first record). */
  get runInfo(): RunInfo | null {
    return this.infoKnown;
  }

  /** run.json's text; again when it is replaced (a different run: everything starts over). */
  info(text: string): void {
    if (text === this.infoText) return;
    const replaced = this.infoText !== null || this.lastStep >= 0;
    this.infoText = text;
    let info: RunInfo | null = null;
    try {
      info = parseRunInfo(parseJsonLine(text));
    } catch (e) {
      this.report(RUN_FILES.info, null, e);
    }
    if (replaced) this.startOver(`${RUN_FILES.info} was replaced`);
    this.infoState = info ? 'read' : 'missing';
    this.infoKnown = info;
    if (info) this.sink.info(info, false);
  }

  /** A file is absent or unreadable: run.json (the records are read without it) or a record file. */
  missing(file: string, message: string): void {
    this.sink.problem({ file, line: null, message });
    if (file === RUN_FILES.info && this.infoState === 'waiting') this.infoState = 'missing';
    if (file === RUN_FILES.units) {
      this.unitsMissing = true;
      this.flushWaiting(Infinity);
      this.emit();
    }
  }

  /** Bytes of a record file from `offset` on (offsets follow on, as a source promises); `total`, the file's size where known. */
  bytes(file: RecordFile, offset: number, bytes: Uint8Array, total?: number): void {
    if (file === RUN_FILES.units && total !== undefined) this.unitsTotal = total;
    if (this.infoState === 'waiting') this.infoState = 'missing';
    const splitter = this.splitters[file];
    if (offset !== splitter.offset) {
      this.sink.problem({ file, line: null, message: `bytes from offset ${offset} arrived where ${splitter.offset} was expected; reading the file again from its start` });
      this.restart(file, 'a gap in what was read');
      if (offset !== 0) return;
    }
    if (file === RUN_FILES.units) this.unitsMissing = false;
    splitter.push(bytes, file === RUN_FILES.metrics ? this.metricsSink : this.unitsSink);
    this.emit();
  }

  /** A record file shrank or was replaced: its lines are read again from the first. */
  restart(file: RecordFile, reason: string): void {
    this.splitters[file].reset();
    this.problems.delete(file);
    if (file === RUN_FILES.metrics) this.startOver(`${file} ${reason}`);
    else {
      this.early = [];
      this.lastUnitsStep = -1;
    }
  }

  /**
   * Every byte there is has been read. A metrics record still without its
   * units line is handed out without one once it has waited a whole round
   * (when following, its units line may be in the next append: the writer
   * appends units first, but a source may read the files in either order),
   * or at once when nothing more will come.
   */
  caughtUp(following: boolean): void {
    this.caughtUpOnce = true;
    this.unitsStride = 1;
    this.flushWaiting(following ? this.round - 1 : Infinity);
    this.round++;
    this.emit();
  }

  private readonly metricsSink: LineSink = {
    line: (text, n) => {
      if (text.trim() === '') return;
      let record: RunRecord;
      try {
        record = parseMetricsLine(parseJsonLine(text), this.infoKnown ? this.infoKnown.layers.length : null);
      } catch (e) {
        this.report(RUN_FILES.metrics, n, e);
        return;
      }
      const newest = this.waiting.length ? this.waiting[this.waiting.length - 1].record.step : this.lastStep;
      if (record.step <= newest) {
        this.report(RUN_FILES.metrics, n, new RunFieldError('step', `expected a step after ${newest}, got ${record.step}`));
        return;
      }
      this.ensureInfo(record);
      this.early = this.early.filter((u) => u.step >= record.step);
      if (this.early.length && this.early[0].step === record.step) {
        record.units = this.early.shift()!.layers;
        this.flushWaiting(Infinity);
        this.out.push(record);
        this.lastStep = record.step;
      } else if (this.waiting.length === 0 && (this.unitsMissing || this.lastUnitsStep >= record.step)) {
        // The units file is already at or past this step, and had no line read for it.
        this.out.push(record);
        this.lastStep = record.step;
      } else {
        this.waiting.push({ record, round: this.round });
      }
    },
    tooLong: (n, bytes) => this.report(RUN_FILES.metrics, n, new RunFieldError('', `a line of ${bytes} bytes, longer than any record (skipped)`)),
  };

  private readonly unitsSink: LineSink = {
    skip: (n, end, head) => {
      const step = this.skippedStep(head, n, end);
      if (step === null) return false;
      this.stepWithoutUnits(step);
      return true;
    },
    line: (text, n) => {
      if (text.trim() === '') return;
      let units: PendingUnits;
      try {
        const info = this.infoState === 'read' ? this.infoKnown : null;
        units = parseUnitsLine(parseJsonLine(text), this.infoKnown ? this.infoKnown.layers.map((l) => l.units) : null, info ? info.monitor.bins : null);
      } catch (e) {
        this.report(RUN_FILES.units, n, e);
        return;
      }
      if (units.step <= this.lastUnitsStep) {
        this.report(RUN_FILES.units, n, new RunFieldError('step', `expected a step after ${this.lastUnitsStep}, got ${units.step}`));
        return;
      }
      this.lastUnitsStep = units.step;
      this.learnUnits(units);
      // Records waiting for an earlier units line will not get one: the file is past them.
      while (this.waiting.length && this.waiting[0].record.step < units.step) this.release(this.waiting.shift()!.record);
      if (this.waiting.length && this.waiting[0].record.step === units.step) {
        const { record } = this.waiting.shift()!;
        record.units = units.layers;
        this.release(record);
      } else if (units.step > this.lastStep) {
        this.early.push(units);
      }
    },
    tooLong: (n, bytes) => this.report(RUN_FILES.units, n, new RunFieldError('', `a line of ${bytes} bytes, longer than any record (skipped)`)),
  };

  /**
   * The step of a units line passed over while catching up with a big file
   * (see ReaderOptions.unitsBudget), or null when the line is to be read.
   */
  private skippedStep(head: Uint8Array, lineNumber: number, end: number): number | null {
    const total = this.unitsTotal;
    if (this.caughtUpOnce || this.unitsBudget === Infinity || total === null) return null;
    if (lineNumber === LINES_TO_MEASURE + 1) {
      const lines = (total / end) * lineNumber;
      this.unitsStride = 2 ** Math.max(0, Math.ceil(Math.log2(lines / this.unitsBudget)));
    }
    // The first lines (the stride is not known yet), every stride-th, and the last one there is.
    if (this.unitsStride === 1 || (lineNumber - 1) % this.unitsStride === 0 || end >= total) return null;
    // The step, from the line's first bytes (ASCII): the rest of the line is never decoded.
    const m = LEADING_STEP.exec(String.fromCharCode(...head));
    return m ? Number(m[1]) : null;
  }

  /** A units line passed over: the file is past its step, so records up to it get no units. */
  private stepWithoutUnits(step: number): void {
    if (step <= this.lastUnitsStep) return;
    this.lastUnitsStep = step;
    while (this.waiting.length && this.waiting[0].record.step <= step) this.release(this.waiting.shift()!.record);
    this.early = this.early.filter((u) => u.step > step);
  }

  private release(record: RunRecord): void {
    this.out.push(record);
    this.lastStep = record.step;
  }

  /** Hands out waiting records that arrived in `round` or before. */
  private flushWaiting(round: number): void {
    while (this.waiting.length && this.waiting[0].round <= round) this.release(this.waiting.shift()!.record);
  }

  private emit(): void {
    if (this.out.length === 0) return;
    const out = this.out;
    this.out = [];
    this.sink.records(out);
  }

  /** Without run.json: layers as the first record has them, units from the first units line seen (0 if none yet). */
  private ensureInfo(record: RunRecord): void {
    if (this.infoKnown) return;
    const layers: RunLayerInfo[] = record.layers.map((_, index) => ({
      index,
      name: `layer ${index + 1}`,
      activation: 'other:unknown',
      units: this.early[0]?.layers[index]?.activationRate.length ?? 0,
      unit: 'feature',
      zeroGradientWhenInactive: false,
    }));
    this.infoKnown = {
      format: 'relu-lab/rundir@1',
      name: 'run',
      created: '',
      source: { kind: 'relu-lab', version: 'unknown' },
      monitor: { every: 1, probe: 0, bins: 0 },
      layers,
    };
    this.sink.info(this.infoKnown, true);
  }

  /** An inferred description learns the layers' widths from the first units line. */
  private learnUnits(units: PendingUnits): void {
    const info = this.infoKnown;
    if (!info || this.infoState === 'read' || info.layers.every((l) => l.units > 0)) return;
    if (units.layers.length !== info.layers.length) return;
    info.layers.forEach((l, i) => (l.units = units.layers[i].activationRate.length));
    this.sink.info(info, true);
  }

  private startOver(reason: string): void {
    this.waiting = [];
    this.early = [];
    this.out = [];
    this.lastStep = -1;
    this.lastUnitsStep = -1;
    if (this.infoState !== 'read') this.infoKnown = null;
    this.sink.restart(reason);
  }

  private report(file: string, line: number | null, e: unknown): void {
    if (!(e instanceof RunFieldError)) throw e;
    const count = (this.problems.get(file) ?? 0) + 1;
    this.problems.set(file, count);
    if (count <= PROBLEMS_LISTED) this.sink.problem({ file, line, message: e.message });
    else if (count === PROBLEMS_LISTED + 1) this.sink.problem({ file, line, message: `more problems from here on are not listed` });
  }
}
