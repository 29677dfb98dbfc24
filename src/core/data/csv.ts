/**
 * A small RFC 4180 reader: comma-separated cells, double-quoted cells that
 * may hold commas, line breaks and "" for a quote; LF or CRLF line ends; a
 * leading byte-order mark is ignored. Written here rather than pulled from
 * npm because the core must run unchanged in a worker, a utility process
 * and Node, and this is all of CSV the data sets need.
 */
import { ValidationError } from '../experiment/errors';

export interface CsvRecord {
  cells: string[];
  /** 1-based line of the file where the record starts, as an editor or spreadsheet shows it. */
  line: number;
}

/** Parses `text` into records, skipping blank lines. */
export function parseCsv(text: string, where = 'data.csv'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quotedCell = false;

  const endRecord = (): void => {
    cells.push(cell);
    const blank = cells.length === 1 && cells[0].trim() === '' && !quotedCell;
    if (!blank) records.push({ cells, line: recordLine });
    cells = [];
    cell = '';
    quotedCell = false;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === '"' && cell.trim() === '' && !quotedCell) {
      const start = line;
      cell = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new ValidationError(`${where} line ${start}`, 'unterminated quoted cell (a " without its closing ")', 'data');
        }
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        cell += q;
        i++;
      }
      quotedCell = true;
      while (text[i] === ' ' || text[i] === '\t') i++;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new ValidationError(`${where} line ${line}`, 'expected a comma or the end of the line after a closing quote', 'data');
      }
      continue;
    }
    if (c === ',') {
      cells.push(cell);
      cell = '';
      quotedCell = false;
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      if (quotedCell) {
        throw new ValidationError(`${where} line ${line}`, 'expected a comma or the end of the line after a closing quote', 'data');
      }
      cell += c;
      i++;
    }
  }
  if (cell !== '' || cells.length > 0 || quotedCell) endRecord();
  return records;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number as spreadsheets write them; NaN for anything else (empty, "0x1F", "1,5"). */
export function parseDecimal(cell: string): number {
  const s = cell.trim();
  return DECIMAL.test(s) ? Number(s) : NaN;
}
