/**
 * A bounded table of fixed-width numeric rows keyed by increasing step.
 *
 * When full, every other stored row is dropped and the sampling stride
 * doubles, so a run of any length keeps between capacity/2 and capacity rows
 * spread evenly over the whole run (the first row is always kept). The newest
 * row is always present: rows that fall between stride points are kept
 * provisionally as the last row and overwritten by the next one, so live
 * charts never lag behind the run.
 */
type RowArray = Float32Array | Float64Array;

export class DecimatedRows<A extends RowArray = Float64Array> {
  readonly width: number;
  readonly capacity: number;
  private data: A;
  private stepsBuf: Float64Array;
  private rows = 0;
  private seen = 0;
  private stride = 1;
  private lastProvisional = false;

  constructor(width: number, capacity: number, make: (length: number) => A) {
    if (capacity < 4 || capacity % 2 !== 0) throw new Error(`DecimatedRows capacity must be an even number ≥ 4, got ${capacity}`);
    this.width = width;
    this.capacity = capacity;
    this.data = make(width * capacity);
    this.stepsBuf = new Float64Array(capacity);
  }

  get length(): number {
    return this.rows;
  }

  /** How many appended rows one stored row stands for (1 until the first compaction). */
  get sampling(): number {
    return this.stride;
  }

  /**
   * Reserves the row for `step` and returns its offset into `values`; the
   * caller fills `width` numbers there. A step equal to the last one
   * overwrites it (statistics recomputed without training).
   */
  push(step: number): number {
    if (this.rows > 0 && step === this.stepsBuf[this.rows - 1]) return (this.rows - 1) * this.width;
    if (this.rows > 0 && step < this.stepsBuf[this.rows - 1]) throw new Error(`DecimatedRows: step ${step} after step ${this.stepsBuf[this.rows - 1]}`);
    const index = this.seen++;
    if (this.lastProvisional) this.rows--;
    if (this.rows === this.capacity) this.halve();
    const row = this.rows++;
    this.stepsBuf[row] = step;
    this.lastProvisional = index % this.stride !== 0;
    return row * this.width;
  }

  /** Keeps rows 0, 2, 4, …: exactly the appended rows on the doubled stride. */
  private halve(): void {
    const w = this.width;
    const kept = this.rows >> 1;
    for (let r = 1; r < kept; r++) {
      this.stepsBuf[r] = this.stepsBuf[2 * r];
      this.data.copyWithin(r * w, 2 * r * w, 2 * r * w + w);
    }
    this.rows = kept;
    this.stride *= 2;
  }

  get values(): A {
    return this.data;
  }

  step(row: number): number {
    return this.stepsBuf[row];
  }

  value(row: number, column: number): number {
    return this.data[row * this.width + column];
  }

  /** Number of rows with step ≤ `step` (all rows for Infinity). */
  countUpTo(step: number): number {
    let lo = 0;
    let hi = this.rows;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stepsBuf[mid] <= step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.rows = 0;
    this.seen = 0;
    this.stride = 1;
    this.lastProvisional = false;
  }
}
