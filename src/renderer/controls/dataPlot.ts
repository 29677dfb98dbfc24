/**
 * Drawing the data on a canvas, at any size: 2-D points coloured by class
 * over the network's decision boundary (faint, as Playground shows it), the
 * curve of 1-D regression, sample MNIST digits. The sidebar's preview and
 * the large view in the centre draw with the same code.
 */
import type { BoundaryGrid, DatasetInfo } from '../../core/protocol/messages';
import { classColor, classRgb } from './classColors';

/** What a data set draws as: points (2-D, or 1-D against its target), digit images, or nothing we can picture. */
export function dataPicture(info: DatasetInfo): 'points' | 'digits' | null {
  return info.inputs === 784 ? 'digits' : info.inputs <= 2 ? 'points' : null;
}

/** Sizes the canvas's backing store to `width` × `height` CSS px at the screen's pixel ratio; returns its context, scaled to CSS px. */
function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const scale = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** The predicted class of each grid point, faintly, under the data. */
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

/** Draws the points of a 1- or 2-D data set (and the boundary behind 2-D classes) over `width` × `height` CSS px. */
export function drawPoints(canvas: HTMLCanvasElement, info: DatasetInfo, boundary: BoundaryGrid | null, width: number, height: number): void {
  const ctx = prepare(canvas, width, height);
  if (!ctx) return;
  const { x, y, n } = info.preview;
  const d = info.inputs;
  const px = (r: number): number => x[r * d];
  const py = (r: number): number => (d >= 2 ? x[r * d + 1] : y[r]);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let r = 0; r < n; r++) {
    x0 = Math.min(x0, px(r)); x1 = Math.max(x1, px(r));
    y0 = Math.min(y0, py(r)); y1 = Math.max(y1, py(r));
  }
  let pad = 6;
  const showBoundary = boundary !== null && d === 2 && info.classes > 0;
  if (showBoundary) {
    // The grid's own (padded) range, so data and boundary share the axes.
    ({ x0, x1, y0, y1 } = boundary);
    pad = 0;
    paintBoundary(ctx, boundary, width, height);
  }
  const sx = (v: number): number => pad + ((v - x0) / (x1 - x0 || 1)) * (width - 2 * pad);
  const sy = (v: number): number => height - pad - ((v - y0) / (y1 - y0 || 1)) * (height - 2 * pad);
  // Points grow a little with the picture, so the large view reads from across a classroom.
  const radius = Math.max(2.2, Math.min(5, Math.min(width, height) / 110));
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
  ctx.lineWidth = radius / 3.5;
  for (let r = 0; r < n; r++) {
    ctx.fillStyle = d >= 2 && info.classes > 0 ? classColor(y[r]) : 'hsl(200 70% 60%)';
    ctx.beginPath();
    ctx.arc(sx(px(r)), sy(py(r)), radius, 0, Math.PI * 2);
    ctx.fill();
    if (showBoundary) ctx.stroke();
  }
}

/** Sixteen digits spread over the preview (so several classes show), 8 × 2, on a 224 × 56 px canvas. */
export function drawDigits(canvas: HTMLCanvasElement, info: DatasetInfo): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  canvas.width = 28 * 8;
  canvas.height = 28 * 2;
  const count = Math.min(16, info.preview.n);
  const image = ctx.createImageData(28 * 8, 28 * 2);
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
}
