/**
 * A glance at the data in the sidebar: a scatter of 2-D sets coloured by
 * class over the decision boundary, the curve of 1-D regression, sample
 * digits for MNIST, the first rows of a CSV. While the core loads other
 * data (MNIST takes seconds) it says so instead of showing the old set.
 * ⤢ shows the same, large and live, in the centre.
 */
import { useEffect, useRef } from 'react';
import type { DatasetInfo } from '../../core/protocol/messages';
import type { DataKind } from '../../core/experiment/types';
import { useElementSize } from '../layout/useElementSize';
import { actions, loadingOtherData, useApp, useFrameAtMost } from '../store';
import { dataPicture, drawDigits, drawPoints } from './dataPlot';

/** How often the boundary behind the points is redrawn: it changes slowly, and the charts need the main thread more. */
const BOUNDARY_FRAMES_PER_SECOND = 10;

export const KIND_LABELS: Record<DataKind, string> = {
  spiral: 'Spiral', circles: 'Circles', xor: 'XOR', gaussians: 'Gaussian blobs', moons: 'Moons',
  sine: 'Sine (regression)', mnist: 'MNIST digits', csv: 'CSV file…', inline: 'Inline (from file)',
};

/** What the preview says while the core loads `kind`. */
export function loadingText(kind: DataKind): string {
  if (kind === 'mnist') return 'Loading the MNIST digits…';
  if (kind === 'csv' || kind === 'inline') return 'Reading the data…';
  return `Making the ${KIND_LABELS[kind].replace(/ \(.*\)$/, '').toLowerCase()} data…`;
}

/** The points (and the boundary) at the width of the element they are in, `aspect` high per wide. */
export function PointsCanvas({ info, aspect, testId, label }: { info: DatasetInfo; aspect: number; testId: string; label: string }) {
  const [box, size] = useElementSize<HTMLDivElement>({ width: 0, height: 0 });
  const canvas = useRef<HTMLCanvasElement>(null);
  const { frame } = useFrameAtMost(BOUNDARY_FRAMES_PER_SECOND);
  const boundary = frame?.boundary ?? null;
  const width = Math.floor(size.width);
  const height = Math.floor(aspect > 0 ? width * aspect : size.height);
  useEffect(() => {
    if (canvas.current && width > 0 && height > 0) drawPoints(canvas.current, info, boundary, width, height);
  }, [info, boundary, width, height]);
  return (
    <div ref={box} className="points-box">
      <canvas ref={canvas} className="preview-canvas" style={{ width, height }} data-testid={testId} role="img" aria-label={label} />
    </div>
  );
}

export function DigitsCanvas({ info, testId }: { info: DatasetInfo; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawDigits(ref.current, info);
  }, [info]);
  return <canvas ref={ref} className="preview-digits" data-testid={testId} role="img" aria-label={`Sixteen sample digits of ${info.description}`} />;
}

export function CsvTable({ header, head }: { header: string[]; head: string[][] }) {
  return (
    <div className="csv-table-wrap" tabIndex={0} role="region" aria-label="The CSV file's first rows">
      <table className="csv-table" data-testid="csv-table">
        <thead><tr>{header.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
        <tbody>{head.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

/** What a scatter of this data shows, in words (the canvas's accessible name). */
export function pointsLabel(info: DatasetInfo, withBoundary: boolean): string {
  return info.inputs >= 2
    ? `Scatter of ${info.description}, coloured by class${withBoundary && info.classes > 0 ? ', over the network’s decision boundary' : ''}`
    : `The regression data: ${info.description}`;
}

export function DatasetPreview({ info }: { info: DatasetInfo | null }) {
  const stale = useApp(loadingOtherData);
  const kind = useApp((s) => s.design.present.data.kind);
  const picture = info ? dataPicture(info) : null;
  if (!info) return <div className="preview-empty muted small" data-testid="dataset-loading" role="status">{loadingText(kind)}</div>;
  return (
    <div className="preview">
      {picture && (
        <div className={`preview-box${stale ? ' stale' : ''}`} aria-busy={stale}>
          {picture === 'digits' ? <DigitsCanvas info={info} testId="dataset-digits" /> : <PointsCanvas info={info} aspect={0.75} testId="dataset-scatter" label={pointsLabel(info, true)} />}
          <button
            className="icon preview-enlarge"
            data-testid="enlarge-data"
            title="Show the data and the decision boundary large, in the centre (live)"
            aria-label="Show the data and the decision boundary large, in the centre"
            onClick={() => actions.showInCenter('data')}
          >
            ⤢
          </button>
          {stale && <div className="preview-loading" data-testid="dataset-loading" role="status">{loadingText(kind)}</div>}
        </div>
      )}
      <div className="muted small" data-testid="dataset-description">
        {stale ? loadingText(kind) : info.description}
      </div>
    </div>
  );
}
