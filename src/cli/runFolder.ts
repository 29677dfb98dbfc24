/**
 * The files of a run folder (DESIGN §4, relu-lab/rundir@1) as `relu-lab run`
 * writes them: run.json atomically before the first record, then each
 * record's units.jsonl and metrics.jsonl lines appended whole and written
 * through at once (synchronously: the training loop runs between records, and
 * a viewer following the folder sees every record as soon as it is made).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES, type RunInfo } from '../core/rundir/format';

export class RunFolderExists extends Error {}

export class RunFolderWriter {
  private readonly units: number;
  private readonly metrics: number;

  /** Refuses a folder that already holds a run unless `overwrite` (DESIGN §4: a writer never silently replaces a run). */
  constructor(readonly dir: string, overwrite: boolean) {
    const held = Object.values(RUN_FILES).filter((f) => existsSync(join(dir, f)));
    if (held.length > 0 && !overwrite) throw new RunFolderExists(`${dir} already holds a run (${held.join(', ')})`);
    mkdirSync(dir, { recursive: true });
    this.units = openSync(join(dir, RUN_FILES.units), 'w');
    this.metrics = openSync(join(dir, RUN_FILES.metrics), 'w');
  }

  /** Through a temporary file, fsync and rename: a reader sees no run.json or the whole one. */
  writeInfo(info: RunInfo): void {
    writeAtomically(join(this.dir, RUN_FILES.info), `${JSON.stringify(info, null, 2)}\n`);
  }

  appendUnits(line: object): void {
    appendLine(this.units, line);
  }

  appendMetrics(line: object): void {
    appendLine(this.metrics, line);
  }

  close(): void {
    for (const fd of [this.units, this.metrics]) {
      fsyncSync(fd);
      closeSync(fd);
    }
  }
}

export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeAll(fd, Buffer.from(text));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

function appendLine(fd: number, line: object): void {
  writeAll(fd, Buffer.from(`${JSON.stringify(line)}\n`));
}

function writeAll(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset);
}
