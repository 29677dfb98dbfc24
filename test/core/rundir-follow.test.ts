/** The run folder follower every source shares: order, chunks, appends, rotation, deletion, back-pressure. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunFollower, type RunFileStat, type RunFolderAccess } from '../../src/core/rundir/follow';
import type { RunSourceEvent } from '../../src/core/rundir/events';
import { RunReplica, appended } from './runReplica';

/** A run folder in memory; `id` changes when a file is replaced (like an inode). */
class MemoryFolder implements RunFolderAccess {
  private readonly files = new Map<string, { data: Uint8Array; id: number; modified: number }>();
  private nextId = 1;
  private clock = 0;
  exists = true;
  readonly failing = new Set<string>();
  readonly reads: Array<{ file: string; offset: number; length: number }> = [];

  write(file: string, text: string): this {
    this.files.set(file, { data: new TextEncoder().encode(text), id: this.nextId++, modified: ++this.clock });
    return this;
  }
  append(file: string, text: string): this {
    const f = this.files.get(file);
    if (!f) return this.write(file, text);
    f.data = appended(f.data, text);
    f.modified = ++this.clock;
    return this;
  }
  /** Same file, new bytes (a writer that truncates and writes again, or an in-place rewrite). */
  rewrite(file: string, text: string): this {
    const f = this.files.get(file)!;
    f.data = new TextEncoder().encode(text);
    f.modified = ++this.clock;
    return this;
  }
  remove(file: string): this {
    this.files.delete(file);
    return this;
  }
  content(file: string): string {
    const f = this.files.get(file);
    return f ? new TextDecoder().decode(f.data) : '';
  }
  has(file: string): boolean {
    return this.files.has(file);
  }

  async stat(file: string): Promise<RunFileStat | null> {
    if (this.failing.has(file)) throw new Error('permission denied (EACCES)');
    const f = this.files.get(file);
    return f ? { size: f.data.length, modified: f.modified, identity: String(f.id) } : null;
  }
  async read(file: string, offset: number, length: number): Promise<Uint8Array> {
    if (this.failing.has(file)) throw new Error('permission denied (EACCES)');
    this.reads.push({ file, offset, length });
    const f = this.files.get(file);
    return f ? f.data.slice(offset, offset + length) : new Uint8Array(0);
  }
  async folderExists(): Promise<boolean> {
    return this.exists;
  }
}

const RUN_JSON = '{"format":"relu-lab/rundir@1","name":"cnn"}';
const line = (step: number) => `{"step":${step},"epoch":null,"loss":${(1 / (step + 1)).toFixed(6)},"layers":[]}\n`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i)).join('');

function folder(records = 3): MemoryFolder {
  return new MemoryFolder().write('run.json', RUN_JSON).write('metrics.jsonl', lines(0, records)).write('units.jsonl', lines(0, records));
}

function follow(access: RunFolderAccess, options: { chunkBytes?: number; following?: boolean } = {}) {
  const replica = new RunReplica();
  const errors: unknown[] = [];
  const follower = new RunFollower(access, replica.listener, { label: 'cnn', following: options.following ?? true, chunkBytes: options.chunkBytes, onListenerError: (e) => errors.push(e) });
  return { replica, follower, errors };
}

describe('RunFollower', () => {
  it('delivers run.json, then each record file from offset 0 in chunks, then caughtUp', async () => {
    const access = folder(40);
    const { replica, follower } = follow(access, { chunkBytes: 500 });
    await follower.check();
    expect(replica.info).toBe(RUN_JSON);
    expect(replica.text('metrics.jsonl')).toBe(access.content('metrics.jsonl'));
    expect(replica.text('units.jsonl')).toBe(access.content('units.jsonl'));
    const bytes = replica.of('bytes');
    expect(bytes.length).toBeGreaterThan(4);
    expect(Math.max(...bytes.map((b) => b.bytes.length))).toBe(500);
    expect(bytes.every((b) => b.total === access.content(b.file).length)).toBe(true);
    const types = replica.types();
    expect(types[0]).toBe('info');
    expect(types.lastIndexOf('bytes:metrics.jsonl')).toBeLessThan(types.indexOf('bytes:units.jsonl'));
    expect(replica.events.at(-1)).toEqual({ type: 'caughtUp', following: true });
  });

  it('reads only the appended bytes afterwards, and says nothing when nothing changed', async () => {
    const access = folder(3);
    const { replica, follower } = follow(access);
    await follower.check();
    const before = replica.events.length;
    await follower.check();
    expect(replica.events.length).toBe(before);

    const readsBefore = access.reads.length;
    access.append('units.jsonl', line(3)).append('metrics.jsonl', line(3));
    await follower.check();
    const added = replica.events.slice(before);
    expect(added.map((e) => e.type)).toEqual(['bytes', 'bytes']);
    expect(added.every((e) => e.type === 'bytes' && e.offset > 0)).toBe(true);
    expect(replica.text('metrics.jsonl')).toBe(lines(0, 4));
    // Per file: the 64-byte look behind the offset (is it still the same file?) and the new bytes only.
    const newReads = access.reads.slice(readsBefore);
    expect(newReads.filter((r) => r.file === 'metrics.jsonl')).toEqual([
      { file: 'metrics.jsonl', offset: lines(0, 3).length - 64, length: 64 },
      { file: 'metrics.jsonl', offset: lines(0, 3).length, length: line(3).length },
    ]);
  });

  it('delivers a partial last line as bytes and the rest of it later', async () => {
    const access = folder(1).append('metrics.jsonl', '{"step":1,"ep');
    const { replica, follower } = follow(access);
    await follower.check();
    access.append('metrics.jsonl', 'och":null,"loss":0.5,"layers":[]}\n');
    await follower.check();
    expect(replica.text('metrics.jsonl')).toBe(`${line(0)}{"step":1,"epoch":null,"loss":0.5,"layers":[]}\n`);
  });

  it('starts a truncated file over: restart, its bytes from 0, caughtUp', async () => {
    const access = folder(5);
    const { replica, follower } = follow(access);
    await follower.check();
    const before = replica.events.length;
    access.rewrite('metrics.jsonl', line(0));
    await follower.check();
    expect(replica.events.slice(before)).toEqual([
      { type: 'restart', file: 'metrics.jsonl', reason: expect.stringMatching(/^metrics\.jsonl shrank from \d+ to \d+ bytes/) },
      { type: 'bytes', file: 'metrics.jsonl', offset: 0, bytes: new TextEncoder().encode(line(0)), total: line(0).length },
      { type: 'caughtUp', following: true },
    ]);
  });

  it('starts a replaced file over even when the new one is longer (another identity)', async () => {
    const access = folder(2);
    const { replica, follower } = follow(access);
    await follower.check();
    access.write('units.jsonl', lines(100, 110));
    await follower.check();
    expect(replica.of('restart')).toEqual([{ type: 'restart', file: 'units.jsonl', reason: 'units.jsonl was replaced by another file' }]);
    expect(replica.text('units.jsonl')).toBe(lines(100, 110));
  });

  it('starts a file over when its bytes changed under the same identity (truncated and written past the old end)', async () => {
    const access = folder(2);
    const { replica, follower } = follow(access);
    await follower.check();
    access.rewrite('units.jsonl', lines(50, 60));
    await follower.check();
    expect(replica.of('restart')[0]!.reason).toMatch(/^units\.jsonl was rewritten/);
    expect(replica.text('units.jsonl')).toBe(lines(50, 60));
  });

  it('says once that a file was deleted, keeps what was read, and starts it over when it comes back', async () => {
    const access = folder(2);
    const { replica, follower } = follow(access);
    await follower.check();
    access.remove('metrics.jsonl');
    await follower.check();
    await follower.check();
    expect(replica.of('missing')).toEqual([{ type: 'missing', file: 'metrics.jsonl', message: 'metrics.jsonl was deleted; what was read of it is kept' }]);
    expect(replica.text('metrics.jsonl')).toBe(lines(0, 2));
    access.write('metrics.jsonl', line(7));
    await follower.check();
    expect(replica.of('restart')).toEqual([{ type: 'restart', file: 'metrics.jsonl', reason: 'metrics.jsonl was deleted and written again' }]);
    expect(replica.text('metrics.jsonl')).toBe(line(7));
  });

  it('says when the whole run folder is gone', async () => {
    const access = folder(2);
    const { replica, follower } = follow(access);
    await follower.check();
    for (const f of ['run.json', 'metrics.jsonl', 'units.jsonl']) access.remove(f);
    access.exists = false;
    await follower.check();
    expect(replica.of('missing').map((e) => e.message)).toEqual([
      'the run folder "cnn" is gone (deleted or moved); what was read of run.json is kept',
      'the run folder "cnn" is gone (deleted or moved); what was read of metrics.jsonl is kept',
      'the run folder "cnn" is gone (deleted or moved); what was read of units.jsonl is kept',
    ]);
  });

  it('reports missing files and reads the rest; a record file that appears later comes from offset 0', async () => {
    const access = new MemoryFolder().write('metrics.jsonl', line(0));
    const { replica, follower } = follow(access);
    await follower.check();
    expect(replica.types()).toEqual(['missing:run.json', 'bytes:metrics.jsonl', 'missing:units.jsonl', 'caughtUp']);
    expect(replica.of('missing')[0]!.message).toBe('run.json is missing: this folder has no run description (is it a run folder?)');
    access.write('run.json', RUN_JSON).write('units.jsonl', line(0));
    await follower.check();
    expect(replica.types().slice(4)).toEqual(['info', 'bytes:units.jsonl']);
  });

  it('sends run.json again when it is replaced by a different text', async () => {
    const access = folder(1);
    const { replica, follower } = follow(access);
    await follower.check();
    access.write('run.json', RUN_JSON);
    await follower.check();
    expect(replica.of('info')).toHaveLength(1);
    access.write('run.json', '{"format":"relu-lab/rundir@1","name":"cnn-2"}');
    await follower.check();
    expect(replica.of('info').map((e) => e.text)).toEqual([RUN_JSON, '{"format":"relu-lab/rundir@1","name":"cnn-2"}']);
  });

  it('reports an unreadable file once, and reads on from the same offset when it can again', async () => {
    const access = folder(2);
    const { replica, follower } = follow(access);
    await follower.check();
    access.failing.add('units.jsonl');
    access.append('units.jsonl', line(2));
    await follower.check();
    await follower.check();
    expect(replica.of('missing')).toEqual([{ type: 'missing', file: 'units.jsonl', message: 'units.jsonl cannot be read: permission denied (EACCES)' }]);
    access.failing.delete('units.jsonl');
    await follower.check();
    expect(replica.text('units.jsonl')).toBe(lines(0, 3));
    expect(replica.of('restart')).toEqual([]);
  });

  it('reads a snapshot once and says it will not follow', async () => {
    const { replica, follower } = follow(folder(1), { following: false });
    await follower.check();
    expect(replica.events.at(-1)).toEqual({ type: 'caughtUp', following: false });
  });

  it('never reads ahead of the listener: one chunk at a time, the next only once the last is settled', async () => {
    const access = folder(200);
    const pending: Array<() => void> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const follower = new RunFollower(access, (event) => {
      if (event.type !== 'bytes') return;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<void>((resolve) => pending.push(() => {
        inFlight--;
        resolve();
      }));
    }, { label: 'cnn', following: true, chunkBytes: 256 });
    const done = follower.check();
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
    // Stalled on the first chunk: exactly one read of the record file so far.
    expect(access.reads.filter((r) => r.file !== 'run.json')).toHaveLength(1);
    void follower.check();
    let released = 0;
    while (pending.length || inFlight) {
      const next = pending.shift();
      if (next) {
        next();
        released++;
        const recordReads = access.reads.filter((r) => r.file !== 'run.json').length;
        // Reads never outrun releases by more than the one chunk being handed over.
        expect(recordReads).toBeLessThanOrEqual(released + 1);
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    await done;
    expect(maxInFlight).toBe(1);
    expect(released).toBeGreaterThan(50);
  });

  it('folds checks made during a pass into one more pass', async () => {
    const access = folder(1);
    const { replica, follower } = follow(access);
    const first = follower.check();
    access.append('metrics.jsonl', line(1));
    const second = follower.check();
    const third = follower.check();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await first;
    expect(replica.text('metrics.jsonl')).toBe(lines(0, 2));
  });

  it('stops mid-pass: no event after stop', async () => {
    const access = folder(50);
    const events: RunSourceEvent[] = [];
    const follower = new RunFollower(access, async (event) => {
      events.push(event);
      if (events.length === 3) follower.stop();
    }, { label: 'cnn', following: true, chunkBytes: 100 });
    await follower.check();
    await follower.check();
    expect(events).toHaveLength(3);
  });

  it('goes on after a listener that throws, and tells the host', async () => {
    const access = folder(2);
    const seen: string[] = [];
    const errors: unknown[] = [];
    const follower = new RunFollower(access, (event) => {
      seen.push(event.type);
      if (event.type === 'info') throw new Error('reader bug');
    }, { label: 'cnn', following: true, onListenerError: (e) => errors.push(e) });
    await follower.check();
    expect(seen).toEqual(['info', 'bytes', 'bytes', 'caughtUp']);
    expect(errors).toEqual([new Error('reader bug')]);
  });

  it('keeps a replica equal to the files through any appends, truncations, replacements and deletions', async () => {
    type Op = { kind: 'append' | 'replace' | 'truncate' | 'remove' | 'check'; file: 'metrics.jsonl' | 'units.jsonl'; n: number };
    const op = fc.record({
      kind: fc.constantFrom('append', 'append', 'append', 'replace', 'truncate', 'remove', 'check'),
      file: fc.constantFrom('metrics.jsonl' as const, 'units.jsonl' as const),
      n: fc.integer({ min: 1, max: 30 }),
    }) as fc.Arbitrary<Op>;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 300 }), async (ops, chunkBytes) => {
        const access = folder(2);
        const { replica, follower } = follow(access, { chunkBytes });
        await follower.check();
        let step = 1000;
        for (const o of ops) {
          if (o.kind === 'append') access.append(o.file, lines(step, (step += o.n)));
          // A replacement starts with another step, as a new run would: its bytes differ from the old ones.
          if (o.kind === 'replace') access.write(o.file, lines((step += 100), (step += o.n)));
          if (o.kind === 'truncate' && access.has(o.file)) access.rewrite(o.file, access.content(o.file).slice(0, Math.floor(access.content(o.file).length / (o.n + 1))));
          if (o.kind === 'remove') access.remove(o.file);
          if (o.kind === 'check') await follower.check();
        }
        await follower.check();
        for (const file of ['metrics.jsonl', 'units.jsonl']) {
          if (access.has(file)) expect(replica.text(file)).toBe(access.content(file));
        }
      }),
      { numRuns: 150 },
    );
  });
});
