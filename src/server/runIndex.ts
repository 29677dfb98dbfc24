/**
 * The runs under a log directory, as `relu-lab serve` lists them: every
 * folder (up to MAX_DEPTH deep) holding a run.json or a metrics.jsonl, with
 * what the list shows — name, source, last step, live / finished / stalled,
 * when it started. A scan reads only what changed since the last one:
 * run.json when its mtime moves, the tail of metrics.jsonl when it grows.
 */
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runActivity } from '../core/rundir/activity';
import { RUN_FILES } from '../core/rundir/format';
import { parseRunInfo } from '../core/rundir/parse';
import type { RunListing } from '../core/rundir/served';
import { isInside } from './runPaths';


/** Folders below the log directory searched for runs (runs/sweep/lr-0.1 is two). */
export const MAX_DEPTH = 3;
const TAIL_BYTES = 64 * 1024;
const SKIPPED = new Set(['node_modules', '.git']);

interface Cached {
  infoMtime: number;
  metricsSize: number;
  metricsMtime: number;
  /** The last record was the final one. */
  final: boolean;
  listing: RunListing;
}

export type { RunListing };

export class RunIndex {
  private cache = new Map<string, Cached>();

  /** `root` must be a real path (realpath): links found under it are followed only where they stay inside. */
  constructor(private readonly root: string, private readonly now: () => number = Date.now) {}

  /** Runs sorted by id. */
  async scan(): Promise<RunListing[]> {
    const found = new Map<string, string>();
    await this.walk(this.root, '', 0, found, new Set([this.root]));
    const next = new Map<string, Cached>();
    const out: RunListing[] = [];
    for (const [id, folder] of [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const entry = await this.describe(id, folder, this.cache.get(id));
      if (!entry) continue;
      next.set(id, entry);
      out.push(entry.listing);
    }
    this.cache = next;
    return out;
  }

  private async walk(dir: string, id: string, depth: number, found: Map<string, string>, seen: Set<string>): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (id && entries.some((e) => (e.isFile() || e.isSymbolicLink()) && (e.name === RUN_FILES.info || e.name === RUN_FILES.metrics))) found.set(id, dir);
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIPPED.has(e.name) || !(e.isDirectory() || e.isSymbolicLink())) continue;
      let real: string;
      try {
        real = await realpath(join(dir, e.name));
        if (!(await stat(real)).isDirectory()) continue;
      } catch {
        continue;
      }
      // A link leading outside the log directory, or back into a folder already seen, is not followed.
      if (!isInside(this.root, real) || seen.has(real)) continue;
      seen.add(real);
      await this.walk(real, id ? `${id}/${e.name}` : e.name, depth + 1, found, seen);
    }
  }

  private async describe(id: string, folder: string, cached: Cached | undefined): Promise<Cached | null> {
    const info = await statOrNull(join(folder, RUN_FILES.info));
    const metrics = await statOrNull(join(folder, RUN_FILES.metrics));
    const units = await statOrNull(join(folder, RUN_FILES.units));
    if (!info && !metrics) return null;
    const infoMtime = info?.mtimeMs ?? -1;
    const metricsSize = metrics?.size ?? -1;
    const metricsMtime = metrics?.mtimeMs ?? -1;
    const updatedMs = Math.max(infoMtime, metricsMtime, units?.mtimeMs ?? -1);
    let listing: RunListing;
    let final: boolean;
    if (cached && cached.infoMtime === infoMtime && cached.metricsSize === metricsSize && cached.metricsMtime === metricsMtime) {
      listing = { ...cached.listing };
      final = cached.final;
    } else {
      listing = { id, name: id.split('/').pop()!, source: null, created: null, lastStep: null, activity: 'stalled', updated: '', problem: null };
      if (info) {
        try {
          const parsed = parseRunInfo(JSON.parse(await readFile(join(folder, RUN_FILES.info), 'utf8')));
          listing.name = parsed.name;
          listing.source = { kind: parsed.source.kind, version: parsed.source.version };
          listing.created = parsed.created;
        } catch (e) {
          listing.problem = `${RUN_FILES.info}: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      if (listing.created === null) listing.created = new Date(Math.min(...[info, metrics].filter((s) => s).map((s) => s!.birthtimeMs || s!.mtimeMs))).toISOString();
      const last = metrics ? await lastRecord(join(folder, RUN_FILES.metrics), metrics.size) : null;
      listing.lastStep = last?.step ?? null;
      final = last?.final ?? false;
    }
    listing.activity = runActivity(final, this.now() - updatedMs);
    listing.updated = new Date(updatedMs).toISOString();
    return { infoMtime, metricsSize, metricsMtime, final, listing };
  }
}

async function statOrNull(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** Step and final mark of the last complete line of a metrics file (its tail only is read). */
async function lastRecord(path: string, size: number): Promise<{ step: number; final: boolean } | null> {
  if (size <= 0) return null;
  const length = Math.min(size, TAIL_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.lastIndexOf('\n');
    if (end < 0) return null;
    const line = text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
    const record = JSON.parse(line) as { step?: unknown; final?: unknown };
    return typeof record.step === 'number' ? { step: record.step, final: record.final === true } : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
