/**
 * A CSV file as a data set: header row, numeric feature columns, one label
 * column — classes for classification losses, a numeric target for a loss
 * whose targets are values (mse).
 */
import { ValidationError } from '../experiment/errors';
import { FLOAT32_MAX, LIMITS } from '../experiment/limits';
import type { CsvDataSpec, LossKind } from '../experiment/types';
import { LOSSES } from '../nn/losses';
import { parseCsv, parseDecimal, type CsvRecord } from './csv';
import type { Samples } from './generated';
import type { ReadText } from './types';

const WHERE = 'data.csv';

function fail(path: string, expected: string): never {
  throw new ValidationError(path, expected, 'data');
}

export async function readCsvText(spec: CsvDataSpec, readText?: ReadText): Promise<string> {
  if (!readText) fail('data.path', 'this host cannot read files');
  try {
    return await readText(spec.path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail('data.path', `cannot read ${JSON.stringify(spec.path)}: ${reason}`);
  }
}

export function csvSamples(text: string, spec: CsvDataSpec, loss: LossKind): Samples {
  const records = parseCsv(text, WHERE);
  if (records.length === 0) fail(WHERE, 'the file is empty (expected a header row and at least one data row)');
  const header = records[0].cells.map((c) => c.trim());
  if (header.every((h) => h === '' || !Number.isNaN(parseDecimal(h)))) {
    fail(`${WHERE} line ${records[0].line}`, `expected a header row of column names, got ${records[0].cells.join(',')}`);
  }
  const rows = records.slice(1);
  if (rows.length === 0) fail(WHERE, 'expected at least one data row after the header');
  if (rows.length > LIMITS.samples) fail(WHERE, `expected at most ${LIMITS.samples} data rows, got ${rows.length}`);
  const labelIndex = findLabelColumn(header, spec.labelColumn);
  const width = header.length;
  for (const r of rows) {
    if (r.cells.length !== width) {
      fail(`${WHERE} line ${r.line}`, `expected ${width} cells (like the header), got ${r.cells.length}`);
    }
  }
  if (width < 2) fail(WHERE, `expected at least 2 columns (features and the label), got ${width}`);

  const n = rows.length;
  const inputs = width - 1;
  const x = new Float32Array(n * inputs);
  const featureNames = header.filter((_, c) => c !== labelIndex);
  for (let r = 0; r < n; r++) {
    let f = 0;
    for (let c = 0; c < width; c++) {
      if (c === labelIndex) continue;
      x[r * inputs + f++] = numericCell(rows[r], c, header[c]);
    }
  }
  const base = { n, inputs, x, featureNames };
  const file = spec.path;
  if (LOSSES[loss].targets === 'values') {
    const targets = new Float32Array(n);
    for (let r = 0; r < n; r++) targets[r] = numericCell(rows[r], labelIndex, header[labelIndex]);
    return { ...base, labels: null, targets, targetWidth: 1, classes: 0, classNames: [], description: `CSV ${file}, ${n} samples, target "${header[labelIndex]}"` };
  }
  const { labels, classNames } = classesOf(rows, labelIndex, header[labelIndex]);
  return {
    ...base, labels, targets: null, targetWidth: classNames.length, classes: classNames.length, classNames,
    description: `CSV ${file}, ${classNames.length} classes, ${n} samples`,
  };
}

function findLabelColumn(header: string[], label: string | number): number {
  if (typeof label === 'number') {
    if (label >= header.length) fail('data.labelColumn', `expected a column index in [0, ${header.length - 1}], got ${label}`);
    return label;
  }
  const index = header.indexOf(label.trim());
  if (index < 0) fail('data.labelColumn', `no column ${JSON.stringify(label)} in the header (columns: ${header.join(', ')})`);
  return index;
}

function numericCell(record: CsvRecord, column: number, name: string): number {
  const cell = record.cells[column];
  const value = parseDecimal(cell);
  if (!Number.isFinite(value)) {
    fail(`${WHERE} line ${record.line}, column ${JSON.stringify(name)}`, `expected a number, got ${JSON.stringify(cell)}`);
  }
  if (Math.abs(value) > FLOAT32_MAX) {
    fail(`${WHERE} line ${record.line}, column ${JSON.stringify(name)}`, `expected a number that float32 can hold (|x| ≤ 3.4e38), got ${cell.trim()}`);
  }
  return value;
}

/** Distinct label values, sorted (numerically when all are numbers), become class indices. */
function classesOf(rows: CsvRecord[], column: number, name: string): { labels: Int32Array; classNames: string[] } {
  const values = rows.map((r) => r.cells[column].trim());
  values.forEach((v, r) => {
    if (v === '') fail(`${WHERE} line ${rows[r].line}, column ${JSON.stringify(name)}`, 'expected a label, got an empty cell');
  });
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => !Number.isNaN(parseDecimal(v)));
  distinct.sort(numeric ? (a, b) => parseDecimal(a) - parseDecimal(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (distinct.length < 2) {
    fail(`${WHERE} column ${JSON.stringify(name)}`, `expected at least 2 distinct labels for classification, got ${distinct.length}`);
  }
  const index = new Map(distinct.map((v, i) => [v, i]));
  const labels = new Int32Array(values.length);
  for (let r = 0; r < values.length; r++) labels[r] = index.get(values[r])!;
  return { labels, classNames: distinct };
}
