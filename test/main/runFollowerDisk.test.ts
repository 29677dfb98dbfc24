/** Main's run follower on a real folder with Node's fs and fs.watch: what the fakes stand for holds on disk. */
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FolderFollower } from '../../src/main/runFollower';
import { nodeRunFs } from '../../src/main/nodeRunFs';
import { RunReplica } from '../core/runReplica';

const line = (step: number) => `{"step":${step},"epoch":null,"loss":0.5,"layers":[]}\n`;
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

let folder = '';
let follower: FolderFollower | null = null;
afterEach(() => {
  follower?.stop();
  rmSync(folder, { recursive: true, force: true });
});

function follow(options: { pollMs: number }) {
  const replica = new RunReplica();
  follower = new FolderFollower({
    runId: '00000000-0000-4000-8000-000000000000',
    stream: 1,
    folder,
    label: 'cnn',
    fs: nodeRunFs,
    pollMs: options.pollMs,
    chunkBytes: 100,
    log: () => {},
    send: (m) => {
      replica.take(m.event);
      setTimeout(() => follower?.ack(m.seq), 0);
    },
  });
  return replica;
}

describe('FolderFollower on disk', () => {
  it('reads a run folder, follows appends through fs.watch, and restarts a rotated file', async () => {
    folder = mkdtempSync(join(tmpdir(), 'relu-lab-run-'));
    writeFileSync(join(folder, 'run.json'), '{"format":"relu-lab/rundir@1"}');
    writeFileSync(join(folder, 'units.jsonl'), line(0) + line(1));
    writeFileSync(join(folder, 'metrics.jsonl'), line(0) + line(1));
    // A poll too slow for the test's wait: appends must come through fs.watch.
    const replica = follow({ pollMs: 60_000 });
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    expect(replica.text('metrics.jsonl')).toBe(line(0) + line(1));

    appendFileSync(join(folder, 'units.jsonl'), line(2));
    appendFileSync(join(folder, 'metrics.jsonl'), line(2));
    await waitFor(() => expect(replica.text('metrics.jsonl')).toBe(line(0) + line(1) + line(2)));
    // Caught up with both files before the rotation: one renamed in mid-read is first seen as rewritten, then as replaced.
    await waitFor(() => expect(replica.text('units.jsonl')).toBe(line(0) + line(1) + line(2)));

    // Rotation the way log writers do it: a new file renamed over the name.
    writeFileSync(join(folder, 'units.jsonl.new'), line(7) + line(8) + line(9) + line(10));
    renameSync(join(folder, 'units.jsonl.new'), join(folder, 'units.jsonl'));
    await waitFor(() => expect(replica.text('units.jsonl')).toBe(line(7) + line(8) + line(9) + line(10)));
    expect(replica.of('restart')).toEqual([{ type: 'restart', file: 'units.jsonl', reason: 'units.jsonl was replaced by another file' }]);
  });

  it('polls: a truncation, a deletion and the folder going are seen without fs.watch', async () => {
    folder = mkdtempSync(join(tmpdir(), 'relu-lab-run-'));
    writeFileSync(join(folder, 'run.json'), '{}');
    writeFileSync(join(folder, 'units.jsonl'), line(0) + line(1));
    writeFileSync(join(folder, 'metrics.jsonl'), line(0) + line(1));
    const replica = follow({ pollMs: 25 });
    await waitFor(() => expect(replica.of('caughtUp')).toHaveLength(1));
    truncateSync(join(folder, 'metrics.jsonl'), 0);
    await waitFor(() => expect(replica.of('restart').map((e) => e.file)).toEqual(['metrics.jsonl']));
    rmSync(join(folder, 'units.jsonl'));
    await waitFor(() => expect(replica.of('missing').map((e) => e.message)).toEqual(['units.jsonl was deleted; what was read of it is kept']));
    rmSync(folder, { recursive: true });
    await waitFor(() => expect(replica.of('missing').map((e) => e.message)).toContain('the run folder "cnn" is gone (deleted or moved); what was read of run.json is kept'));
    // No path in anything the renderer would get.
    expect(JSON.stringify(replica.events)).not.toContain(tmpdir());
  });
});
