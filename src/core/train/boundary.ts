import { LOSSES } from '../nn/losses';
import type { BoundaryGrid } from '../protocol/messages';
import type { Trainer } from './trainer';

const RESOLUTION = 48;

/**
 * The decision boundary behind 2-D data (Playground style): the network's
 * prediction on a grid over the data's range, padded by 10 %. The grid's
 * inputs are laid out once; each call is one chunked forward pass.
 */
export class BoundaryProbe {
  private readonly grid: Float32Array;
  private readonly x0: number;
  private readonly x1: number;
  private readonly y0: number;
  private readonly y1: number;

  static applies(trainer: Trainer): boolean {
    return trainer.dataset.inputs === 2 && trainer.dataset.train.n > 0;
  }

  constructor(private readonly trainer: Trainer) {
    const { x, n } = trainer.dataset.train;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, x[2 * i]);
      maxX = Math.max(maxX, x[2 * i]);
      minY = Math.min(minY, x[2 * i + 1]);
      maxY = Math.max(maxY, x[2 * i + 1]);
    }
    const padX = (maxX - minX) * 0.1 || 1;
    const padY = (maxY - minY) * 0.1 || 1;
    this.x0 = minX - padX;
    this.x1 = maxX + padX;
    this.y0 = minY - padY;
    this.y1 = maxY + padY;
    this.grid = new Float32Array(RESOLUTION * RESOLUTION * 2);
    for (let r = 0; r < RESOLUTION; r++) {
      for (let c = 0; c < RESOLUTION; c++) {
        const i = r * RESOLUTION + c;
        this.grid[2 * i] = this.x0 + ((this.x1 - this.x0) * c) / (RESOLUTION - 1);
        this.grid[2 * i + 1] = this.y0 + ((this.y1 - this.y0) * r) / (RESOLUTION - 1);
      }
    }
  }

  /** Predicted class per grid point (row-major, rows along y), or the raw output for regression. */
  compute(): BoundaryGrid {
    const net = this.trainer.network;
    const width = net.outputs;
    const loss = LOSSES[this.trainer.experiment.network.loss];
    const points = RESOLUTION * RESOLUTION;
    const values = new Float32Array(points);
    for (let start = 0; start < points; start += net.capacity) {
      const n = Math.min(net.capacity, points - start);
      const out = net.forward(this.grid.subarray(start * 2, (start + n) * 2), n);
      for (let s = 0; s < n; s++) values[start + s] = loss.predict(out, s * width, width);
    }
    return { resolution: RESOLUTION, x0: this.x0, x1: this.x1, y0: this.y0, y1: this.y1, values };
  }
}
