/**
 * Opening an experiment with a CSV in the desktop app: the renderer asks
 * main for the file the experiment names (main decides what it may read and
 * asks the user otherwise), and sends its text to the core with `load`; the
 * core never reads a path itself. Runs against a stand-in for `window.reluLab`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../src/core/protocol/messages';
import type { DataFileRequest, DataFileResult, DesktopApi } from '../../src/preload/api';

const requests: DataFileRequest[] = [];
let answer: DataFileResult | null = null;
const api = {
  platform: 'electron',
  readDataFile: async (request: DataFileRequest) => {
    requests.push(request);
    return answer;
  },
} as unknown as DesktopApi;

let documents: typeof import('../../src/renderer/documents/documentActions');
let store: typeof import('../../src/renderer/store');
const sent: Command[] = [];

const EXPERIMENT = readFileSync(new URL('../../examples/csv.relu.json', import.meta.url), 'utf8');
const CSV = readFileSync(new URL('../../examples/data/iris-like.csv', import.meta.url), 'utf8');

beforeAll(async () => {
  vi.stubGlobal('window', { reluLab: api, confirm: () => true });
  documents = await import('../../src/renderer/documents/documentActions');
  store = await import('../../src/renderer/store');
  store.actions.attach((c) => sent.push(c));
});

beforeEach(() => {
  requests.length = 0;
  sent.length = 0;
  store.app.store.setState({ notices: [], files: {} });
});

const state = () => store.app.store.getState();
const loads = () => sent.filter((c): c is Extract<Command, { type: 'load' }> => c.type === 'load');

describe('the data file of an experiment opened in the desktop app', () => {
  it("comes from main, asked for with the experiment's path and its data.path, and goes to the core with load", async () => {
    answer = { text: CSV };
    await documents.openText(EXPERIMENT, 'csv.relu.json', '/home/u/examples/csv.relu.json');
    expect(requests).toEqual([{ experiment: '/home/u/examples/csv.relu.json', file: 'data/iris-like.csv' }]);
    expect(loads()).toHaveLength(1);
    expect(loads()[0].files).toEqual({ 'data/iris-like.csv': CSV });
    expect(state().notices).toEqual([]);
    expect(store.isDirty(state())).toBe(false);
  });

  it('points the experiment at a file the user located elsewhere (an undoable, unsaved change)', async () => {
    answer = { text: CSV, located: '/home/u/moved/iris.csv' };
    await documents.openText(EXPERIMENT, 'csv.relu.json', '/home/u/examples/csv.relu.json');
    const data = state().design.present.data;
    expect(data.kind === 'csv' && data.path).toBe('/home/u/moved/iris.csv');
    expect(store.isDirty(state())).toBe(true);
    expect(loads().at(-1)!.files).toEqual({ '/home/u/moved/iris.csv': CSV });
    expect(state().notices).toEqual([]);
  });

  it('says which file to open when the user declined to locate it', async () => {
    answer = null;
    await documents.openText(EXPERIMENT, 'csv.relu.json', '/home/u/examples/csv.relu.json');
    expect(state().notices.at(-1)).toMatchObject({ level: 'warning', title: 'Open the CSV file' });
    expect(state().notices.at(-1)!.message).toContain('"data/iris-like.csv"');
    expect(loads()[0].files).toBeUndefined();
  });

  it("asks again for another experiment's file of the same name (another folder, another file)", async () => {
    answer = { text: CSV };
    await documents.openText(EXPERIMENT, 'csv.relu.json', '/home/u/examples/csv.relu.json');
    answer = { text: 'x1,x2,x3,x4,species\n1,2,3,4,a\n' };
    await documents.openText(EXPERIMENT, 'csv.relu.json', '/home/u/other/csv.relu.json');
    expect(requests.map((r) => r.experiment)).toEqual(['/home/u/examples/csv.relu.json', '/home/u/other/csv.relu.json']);
    expect(loads().at(-1)!.files).toEqual({ 'data/iris-like.csv': 'x1,x2,x3,x4,species\n1,2,3,4,a\n' });
  });

  it('asks nothing for an experiment without a data file', async () => {
    const spiral = readFileSync(new URL('../../examples/spiral.relu.json', import.meta.url), 'utf8');
    await documents.openText(spiral, 'spiral.relu.json', '/home/u/examples/spiral.relu.json');
    expect(requests).toEqual([]);
    expect(loads()).toHaveLength(1);
  });
});
