import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { loadDataset } from '../../src/core/data/load';
import type { ReadText } from '../../src/core/data/types';
import { ValidationError } from '../../src/core/experiment/errors';
import type { CsvDataSpec, LossKind, NetworkSpec } from '../../src/core/experiment/types';

function net(inputs: number, outputs: number, loss: LossKind = 'softmax-cross-entropy'): NetworkSpec {
  return { inputs, layers: [{ units: outputs, activation: { kind: 'linear' }, init: 'zeros', bias: null }], loss };
}

/** A host that knows one file. */
function files(content: Record<string, string>): ReadText {
  return async (path) => {
    if (!(path in content)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return content[path];
  };
}

const FLOWERS = [
  'petal length,petal width,"species, common name"',
  '1.4,0.2,setosa',
  '4.7,1.4,versicolor',
  '6.0,2.5,virginica',
  '1.3,0.2,setosa',
  '',
].join('\n');

const spec = (labelColumn: string | number = 'species, common name', testFraction = 0): CsvDataSpec => ({ kind: 'csv', path: 'f.csv', labelColumn, testFraction });

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).kind).toBe('data');
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and CRLF', () => {
    const text = 'a,b,c\r\n1,"two, three","say ""hi"""\r\n2,"multi\nline",x\r\n';
    expect(parseCsv(text)).toEqual([
      { cells: ['a', 'b', 'c'], line: 1 },
      { cells: ['1', 'two, three', 'say "hi"'], line: 2 },
      { cells: ['2', 'multi\nline', 'x'], line: 3 },
    ]);
  });

  it('counts lines as a text editor does, skipping blank lines', () => {
    expect(parseCsv('\ufeffa,b\n\n1,2\n   \n3,4').map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('keeps empty cells', () => {
    expect(parseCsv('a,,c\n,,\n')[1].cells).toEqual(['', '', '']);
  });

  it('reports an unterminated quote where it starts', () => {
    expect(() => parseCsv('a,b\n1,"oops\n2,3\n')).toThrow('data.csv line 2: unterminated quoted cell (a " without its closing ")');
  });
});

describe('CSV data sets', () => {
  it('turns the label column into sorted classes, keeping the original names', async () => {
    const d = await loadDataset(spec(), net(2, 3), 1, files({ 'f.csv': FLOWERS }));
    expect(d).toMatchObject({ inputs: 2, classes: 3, targetWidth: 3, featureNames: ['petal length', 'petal width'], classNames: ['setosa', 'versicolor', 'virginica'] });
    expect(d.train.n).toBe(4);
    // Rows come out shuffled by the split stream: compare as a set of (features, class) pairs.
    const rows = Array.from({ length: 4 }, (_, r) => `${d.train.x[2 * r].toFixed(1)} ${d.train.x[2 * r + 1].toFixed(1)} ${d.classNames[d.train.labels![r]]}`);
    expect(rows.sort()).toEqual(['1.3 0.2 setosa', '1.4 0.2 setosa', '4.7 1.4 versicolor', '6.0 2.5 virginica']);
  });

  it('finds the label column by index too; numeric labels sort numerically', async () => {
    const text = 'y,x\n10,1\n9,2\n10,3\n';
    const d = await loadDataset(spec(0), net(1, 2), 1, files({ 'f.csv': text }));
    expect(d.classNames).toEqual(['9', '10']);
  });

  it('with mse the label column is a numeric target', async () => {
    const text = 'x1,x2,y\n1,2,0.5\n3,4,-1.5\n';
    const d = await loadDataset(spec('y'), net(2, 1, 'mse'), 1, files({ 'f.csv': text }));
    expect(d).toMatchObject({ classes: 0, targetWidth: 1 });
    expect(Array.from(d.train.y).sort()).toEqual([-1.5, 0.5]);
  });

  it('with sigmoid-bce two label values become 0 and 1', async () => {
    const text = 'x,ok\n1,no\n2,yes\n3,no\n';
    const d = await loadDataset(spec('ok'), net(1, 1, 'sigmoid-bce'), 1, files({ 'f.csv': text }));
    expect(d).toMatchObject({ classes: 2, targetWidth: 1, classNames: ['no', 'yes'] });
  });

  it('is the same for the same seed', async () => {
    const load = (seed: number) => loadDataset(spec(undefined, 0.5), net(2, 3), seed, files({ 'f.csv': FLOWERS }));
    expect((await load(3)).train.x).toEqual((await load(3)).train.x);
  });

  it('names line and column of a cell that is not a number', async () => {
    const text = 'x1,x2,y\n1,2,a\n3,abc,b\n';
    expect(await errorOf(loadDataset(spec('y'), net(2, 2), 1, files({ 'f.csv': text })))).toBe('data.csv line 3, column "x2": expected a number, got "abc"');
    expect(await errorOf(loadDataset(spec('y'), net(2, 1, 'mse'), 1, files({ 'f.csv': 'x1,x2,y\n1,2,a\n' })))).toBe('data.csv line 2, column "y": expected a number, got "a"');
  });

  it('names the line of a ragged row', async () => {
    const text = 'x1,x2,y\n1,2,a\n\n1,2,b\n3,4,a\n5,6,b\n7,8,a\n6,7,b\n8,a\n';
    expect(await errorOf(loadDataset(spec('y'), net(2, 2), 1, files({ 'f.csv': text })))).toBe('data.csv line 9: expected 3 cells (like the header), got 2');
  });

  it('refuses an empty file, a file without a header, a missing label column', async () => {
    const load = (text: string, label: string | number = 'y') => loadDataset(spec(label), net(2, 2), 1, files({ 'f.csv': text }));
    expect(await errorOf(load(''))).toBe('data.csv: the file is empty (expected a header row and at least one data row)');
    expect(await errorOf(load('1,2,0\n3,4,1\n'))).toBe('data.csv line 1: expected a header row of column names, got 1,2,0');
    expect(await errorOf(load('x1,x2,y\n'))).toBe('data.csv: expected at least one data row after the header');
    expect(await errorOf(load('x1,x2,label\n1,2,a\n'))).toBe('data.labelColumn: no column "y" in the header (columns: x1, x2, label)');
    expect(await errorOf(load('x1,x2,y\n1,2,a\n', 5))).toBe('data.labelColumn: expected a column index in [0, 2], got 5');
  });

  it('checks the network against the file', async () => {
    const read = files({ 'f.csv': FLOWERS });
    expect(await errorOf(loadDataset(spec(), net(2, 4), 1, read))).toBe('network.layers[0].units: the output layer has 4 units but the data set has 3 classes');
    expect(await errorOf(loadDataset(spec(), net(3, 3), 1, read))).toBe('network.inputs: expected 2 for CSV data, got 3');
  });

  it('says when the file cannot be read, or the host cannot read files', async () => {
    expect(await errorOf(loadDataset({ ...spec(), path: 'x.csv' }, net(2, 3), 1, files({})))).toBe(
      `data.path: cannot read "x.csv": ENOENT: no such file or directory, open 'x.csv'`,
    );
    expect(await errorOf(loadDataset(spec(), net(2, 3), 1))).toBe('data.path: this host cannot read files');
  });
});
