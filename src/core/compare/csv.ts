/** The results table as CSV: one row per value, a mean and an sd column per metric. */
import type { ResultRow, Spread } from './table';

export function comparisonCsv(variable: string, rows: readonly ResultRow[]): string {
  const layers = Math.max(0, ...rows.map((r) => r.units.length));
  const metric = (name: string): string[] => [`${name}_mean`, `${name}_sd`];
  const header = [
    variable, 'runs', 'diverged',
    ...metric('train_accuracy'), ...metric('test_accuracy'), ...metric('train_loss'), ...metric('test_loss'),
    ...Array.from({ length: layers }, (_, l) => metric(`dead_layer${l}`)).flat(),
    ...metric('dead_share'),
    ...Array.from({ length: layers }, (_, l) => `units_layer${l}`),
    ...metric('seconds'),
  ];
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) {
    lines.push([
      csvField(r.label), String(r.runs), String(r.diverged),
      ...cells(r.trainAccuracy), ...cells(r.testAccuracy), ...cells(r.trainLoss), ...cells(r.testLoss),
      ...Array.from({ length: layers }, (_, l) => cells(r.deadPerLayer[l] ?? null)).flat(),
      ...cells(r.deadShare),
      ...Array.from({ length: layers }, (_, l) => (r.units[l] === undefined ? '' : String(r.units[l]))),
      ...cells(r.seconds),
    ].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cells(s: Spread | null): string[] {
  if (!s || s.n === 0) return ['', ''];
  return [num(s.mean), num(s.sd)];
}

function num(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '';
}

/** RFC 4180: quote fields holding a comma, quote or line break. */
function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
