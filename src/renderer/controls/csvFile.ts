/**
 * Reads a CSV the user picked, in the renderer, with the core's own reader:
 * errors (line, column, reason) show at once, and the network can be shaped
 * to the file before anything is sent to the core.
 */
import { parseCsv } from '../../core/data/csv';
import { csvSamples } from '../../core/data/csvData';
import type { DataShape } from '../../core/data/compat';
import { ValidationError } from '../../core/experiment/errors';
import type { LossKind } from '../../core/experiment/types';

export interface CsvSummary {
  header: string[];
  /** The first rows, for the table preview. */
  head: string[][];
  rows: number;
  shape: DataShape;
}

export type CsvCheck = { ok: true; summary: CsvSummary } | { ok: false; message: string };

/** The core names the file "data.csv" in its messages; the user knows it by its own name. */
function nameFile(message: string, fileName: string): string {
  return message.replace(/^data\.csv/, fileName);
}

export function checkCsv(text: string, fileName: string, labelColumn: string | number, loss: LossKind): CsvCheck {
  try {
    const records = parseCsv(text, 'data.csv');
    const header = records[0]?.cells.map((c) => c.trim()) ?? [];
    const label = labelColumn === '' ? header[header.length - 1] ?? 0 : labelColumn;
    // Classification unless the current loss is regression: the label column holds classes.
    const samples = csvSamples(text, { kind: 'csv', path: fileName, labelColumn: label, testFraction: 0 }, loss);
    return {
      ok: true,
      summary: {
        header,
        head: records.slice(1, 6).map((r) => r.cells),
        rows: samples.n,
        shape: { name: 'CSV', inputs: samples.inputs, classes: samples.classes, targetWidth: samples.targetWidth },
      },
    };
  } catch (e) {
    const message = e instanceof ValidationError ? e.message : e instanceof Error ? e.message : String(e);
    return { ok: false, message: nameFile(message, fileName) };
  }
}
