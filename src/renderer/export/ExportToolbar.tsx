/** A panel's exports: PNG at a chosen scale (one scale for every chart and the menu), SVG, and the data as CSV. */
import { useState } from 'react';
import { EXPORT_SCALES, exportChartCsv, exportChartImage, type ChartExport } from './actions';

export interface ExportToolbarProps {
  target: () => ChartExport;
  scale: number;
  onScale: (scale: number) => void;
}

export function ExportToolbar({ target, scale, onScale }: ExportToolbarProps) {
  const [status, setStatus] = useState<string | null>(null);
  const run = (what: string, job: () => Promise<boolean>) => {
    setStatus(`${what}…`);
    job().then(
      (saved) => setStatus(saved ? `${what} saved` : null),
      (err: unknown) => setStatus(`${what} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  return (
    <div className="chart-exports" role="group" aria-label="Export">
      <select data-testid="export-scale" title="PNG scale" value={scale} onChange={(e) => onScale(Number(e.target.value))}>
        {EXPORT_SCALES.map((s) => <option key={s} value={s}>{s}×</option>)}
      </select>
      <button data-testid="export-png" title={`PNG at ${scale}×`} onClick={() => run('PNG', () => exportChartImage(target(), 'png', scale))}>PNG</button>
      <button data-testid="export-svg" title="SVG" onClick={() => run('SVG', () => exportChartImage(target(), 'svg', 1))}>SVG</button>
      <button data-testid="export-csv" title="The data as CSV" onClick={() => run('CSV', () => exportChartCsv(target()))}>CSV</button>
      {status && <span className="chart-export-status muted small" data-testid="export-status" role="status">{status}</span>}
    </div>
  );
}
