/**
 * The growing files of a run folder (DESIGN §4, relu-lab/rundir@1) as
 * `relu-lab run` writes them: each record's units.jsonl and metrics.jsonl
 * lines appended whole and written through at once — synchronously, since
 * the training loop runs between records, so a viewer following the folder
 * sees each record as soon as it is made. (run.json is written atomically,
 * before the first record, with the CLI's other files.)
 */
import { closeSync, existsSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../core/rundir/format';

export class RunFolderExists extends Error {}

export class RunRecordsWriter {
  private readonly units: number;
  private readonly metrics: number;

  /** In an existing folder; refuses one that already holds a run unless `overwrite` (DESIGN §4: a writer never silently replaces a run). */
  constructor(dir: string, overwrite: boolean) {
    const held = Object.values(RUN_FILES).filter((f) => existsSync(join(dir, f)));
    if (held.length > 0 && !overwrite) throw new RunFolderExists(`${dir} already holds a run (${held.join(', ')})`);
    this.units = openSync(join(dir, RUN_FILES.units), 'w');
    this.metrics = openSync(join(dir, RUN_FILES.metrics), 'w');
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

function appendLine(fd: number, line: object): void {
  const data = Buffer.from(`${JSON.stringify(line)}\n`);
  for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset);
}
