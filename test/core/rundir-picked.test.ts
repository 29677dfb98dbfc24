/** What a pick or a drop opens as a run (the rule Electron main and the web build share). */
import { describe, expect, it } from 'vitest';
import { choosePicked } from '../../src/core/rundir/picked';

const file = (name: string) => ({ name, folder: false });
const folder = (name: string) => ({ name, folder: true });

describe('choosePicked', () => {
  it('opens one folder, the run files of a folder, or one JSON file', () => {
    expect(choosePicked([folder('cnn')])).toEqual({ kind: 'folder', index: 0 });
    expect(choosePicked([file('units.jsonl'), file('run.json'), file('metrics.jsonl')])).toEqual({ kind: 'runFiles', indices: [0, 1, 2] });
    expect(choosePicked([file('run.json')])).toEqual({ kind: 'runFiles', indices: [0] });
    expect(choosePicked([file('spiral_run.JSON')])).toEqual({ kind: 'json', index: 0 });
  });

  it('names what cannot be opened', () => {
    expect(() => choosePicked([])).toThrow('Nothing to open: open a run folder (run.json, metrics.jsonl, units.jsonl) or a run exported as JSON');
    expect(() => choosePicked([file('loss.png')])).toThrow('loss.png is not a run: open a run folder');
    expect(() => choosePicked([folder('a'), folder('b')])).toThrow('Drop one run at a time: 2 items were dropped (a, b)');
    expect(() => choosePicked([file('run.json'), file('notes.txt')])).toThrow('Drop one run at a time: 2 items were dropped (run.json, notes.txt)');
    expect(() => choosePicked(['a', 'b', 'c', 'd', 'e'].map(folder))).toThrow('Drop one run at a time: 5 items were dropped (a, b, c, d, …)');
  });
});
