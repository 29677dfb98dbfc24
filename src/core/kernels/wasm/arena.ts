/**
 * Byte ranges of a fixed region handed out first-fit and taken back, each
 * freed range merged with free neighbours, so a session that rebuilds its
 * network again and again reuses the same bytes instead of running out.
 */
export class Arena {
  /** Free ranges, sorted by address, never adjacent (they are merged). */
  private readonly free: { at: number; bytes: number }[];
  /** Ranges handed out and not yet released. */
  live = 0;

  constructor(start: number, end: number) {
    this.free = end > start ? [{ at: start, bytes: end - start }] : [];
  }

  /** The address of `bytes` free bytes, or -1 when no free range is that large. */
  allocate(bytes: number): number {
    for (let i = 0; i < this.free.length; i++) {
      const range = this.free[i];
      if (range.bytes < bytes) continue;
      const at = range.at;
      if (range.bytes === bytes) this.free.splice(i, 1);
      else {
        range.at += bytes;
        range.bytes -= bytes;
      }
      this.live++;
      return at;
    }
    return -1;
  }

  /** Gives back a range `allocate` handed out. */
  release(at: number, bytes: number): void {
    let i = 0;
    while (i < this.free.length && this.free[i].at < at) i++;
    const before = i > 0 ? this.free[i - 1] : null;
    const after = i < this.free.length ? this.free[i] : null;
    if (before && before.at + before.bytes === at) {
      before.bytes += bytes;
      if (after && at + bytes === after.at) {
        before.bytes += after.bytes;
        this.free.splice(i, 1);
      }
    } else if (after && at + bytes === after.at) {
      after.at = at;
      after.bytes += bytes;
    } else {
      this.free.splice(i, 0, { at, bytes });
    }
    this.live--;
  }

  /** The largest range `allocate` could hand out now. */
  get largestFree(): number {
    let most = 0;
    for (const range of this.free) most = Math.max(most, range.bytes);
    return most;
  }
}
