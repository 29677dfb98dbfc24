/**
 * A glance at the data: a scatter of 2-D sets coloured by class, the curve
 * of 1-D regression, sample digits for MNIST, the first rows of a CSV.
 */
import { useEffect, useRef } from 'react';
import type { BoundaryGrid, DatasetInfo } from '../../core/protocol/messages';
import { useApp } from '../store';
import { classColor, classRgb } from './classColors';

const SIZE = 232;

/** Paints the predicted class of each grid point, faintly, as Playground does behind its data. */
function paintBoundary(ctx: CanvasRenderingContext2D, grid: BoundaryGrid, w: number, h: number): void {
  const n = grid.resolution;
  const cells = document.createElement('canvas');
  cells.width = n;
  cells.height = n;
  const cctx = cells.getContext('2d');
  if (!cctx) return;
  const image = cctx.createImageData(n, n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const [red, green, blue] = classRgb(grid.values[r * n + c]);
      // Grid rows run up the y axis; image rows run down.
      const at = ((n - 1 - r) * n + c) * 4;
      image.data[at] = red;
      image.data[at + 1] = green;
      image.data[at + 2] = blue;
      image.data[at + 3] = 80;
    }
  }
  cctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, w, h);
}

function Scatter({ info, boundary }: { info: DatasetInfo; boundary: BoundaryGrid | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { x, y, n } = info.preview;
    const d = info.inputs;
    const scale = window.devicePixelRatio || 1;
    canvas.width = SIZE * scale;
    canvas.height = (SIZE * 0.75) * scale;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    ctx.lineWidth = 0.6;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    const px = (r: number) => x[r * d];
    const py = (r: number) => (d >= 2 ? x[r * d + 1] : y[r]);
    for (let r = 0; r < n; r++) {
      x0 = Math.min(x0, px(r)); x1 = Math.max(x1, px(r));
      y0 = Math.min(y0, py(r)); y1 = Math.max(y1, py(r));
    }
    const w = SIZE, h = SIZE * 0.75;
    let pad = 6;
    const showBoundary = boundary !== null && d === 2 && info.classes > 0;
    if (showBoundary) {
      // Use the grid's own (padded) range so data and boundary share the axes.
      ({ x0, x1, y0, y1 } = boundary);
      pad = 0;
      paintBoundary(ctx, boundary, w, h);
    }
    const sx = (v: number) => pad + ((v - x0) / (x1 - x0 || 1)) * (w - 2 * pad);
    const sy = (v: number) => h - pad - ((v - y0) / (y1 - y0 || 1)) * (h - 2 * pad);
    for (let r = 0; r < n; r++) {
      ctx.fillStyle = d >= 2 && info.classes > 0 ? classColor(y[r]) : 'hsl(200 70% 60%)';
      ctx.beginPath();
      ctx.arc(sx(px(r)), sy(py(r)), 2.2, 0, Math.PI * 2);
      ctx.fill();
      if (showBoundary) ctx.stroke();
    }
  }, [info, boundary]);
  return <canvas ref={ref} className="preview-canvas" style={{ width: SIZE, height: SIZE * 0.75 }} data-testid="dataset-scatter" />;
}

function Digits({ info }: { info: DatasetInfo }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const count = Math.min(16, info.preview.n);
    const image = ctx.createImageData(28 * 8, 28 * 2);
    // Spread the picks over the preview so several classes show.
    for (let k = 0; k < count; k++) {
      const row = Math.floor((k * info.preview.n) / count);
      const ox = (k % 8) * 28, oy = Math.floor(k / 8) * 28;
      for (let p = 0; p < 784; p++) {
        const v = Math.round(255 * (1 - info.preview.x[row * 784 + p]));
        const at = ((oy + Math.floor(p / 28)) * 28 * 8 + ox + (p % 28)) * 4;
        image.data[at] = image.data[at + 1] = image.data[at + 2] = v;
        image.data[at + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [info]);
  return <canvas ref={ref} width={28 * 8} height={28 * 2} className="preview-digits" data-testid="dataset-digits" />;
}

export function CsvTable({ header, head }: { header: string[]; head: string[][] }) {
  return (
    <div className="csv-table-wrap">
      <table className="csv-table" data-testid="csv-table">
        <thead><tr>{header.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
        <tbody>{head.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

export function DatasetPreview({ info }: { info: DatasetInfo | null }) {
  const boundary = useApp((s) => s.frame?.boundary ?? null);
  if (!info) return <div className="preview-empty muted small">Loading data…</div>;
  return (
    <div className="preview">
      {info.inputs === 784 ? <Digits info={info} /> : info.inputs <= 2 ? <Scatter info={info} boundary={boundary} /> : null}
      <div className="muted small" data-testid="dataset-description">
        {info.description}
      </div>
    </div>
  );
}
