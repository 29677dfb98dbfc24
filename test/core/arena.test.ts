import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/core/kernels/wasm/arena';

describe('Arena', () => {
  it('hands out ranges first-fit and says when none is large enough', () => {
    const arena = new Arena(16, 116);
    expect(arena.allocate(40)).toBe(16);
    expect(arena.allocate(40)).toBe(56);
    expect(arena.allocate(40)).toBe(-1);
    expect(arena.allocate(20)).toBe(96);
    expect(arena.largestFree).toBe(0);
    expect(arena.live).toBe(3);
  });

  it('reuses released ranges, merging them with free neighbours on both sides', () => {
    const arena = new Arena(0, 100);
    const a = arena.allocate(30);
    const b = arena.allocate(30);
    const c = arena.allocate(30);
    arena.release(a, 30);
    arena.release(c, 30);
    // Free: [0, 30) and [60, 100): no 50-byte range yet.
    expect(arena.allocate(50)).toBe(-1);
    arena.release(b, 30);
    expect(arena.live).toBe(0);
    expect(arena.largestFree).toBe(100);
    expect(arena.allocate(100)).toBe(0);
  });

  it('lets a session rebuild its network forever in the same bytes', () => {
    const arena = new Arena(0, 1000);
    let held = [arena.allocate(300), arena.allocate(200)];
    for (let rebuild = 0; rebuild < 1000; rebuild++) {
      const next = [arena.allocate(300), arena.allocate(200)];
      expect(next).not.toContain(-1);
      arena.release(held[0], 300);
      arena.release(held[1], 200);
      held = next;
    }
    expect(arena.live).toBe(2);
  });
});
