/**
 * Whether two plain JSON-like values (experiments, specs) hold the same
 * content. Designs share every part an edit did not touch, so identical
 * parts are found at once by reference; nothing is serialized.
 */
export function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // A field set to undefined is as absent as it is in the file.
  for (const key in x) if (!equalValues(x[key], y[key])) return false;
  for (const key in y) if (!(key in x) && y[key] !== undefined) return false;
  return true;
}

/**
 * `next` with every part that equals `prev`'s counterpart replaced by
 * `prev`'s own object (`prev` itself when all is equal): after an edit the
 * new design shares what did not change, so later comparisons with the
 * designs before it (undo, the saved one) stop at once on those parts.
 */
export function shareUnchanged<T>(prev: unknown, next: T): T {
  if (prev === next || typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(next)) {
    const before = prev as unknown[];
    const out = next.map((v, i) => shareUnchanged(before[i], v));
    return (out.length === before.length && out.every((v, i) => v === before[i]) ? before : out) as T;
  }
  const before = prev as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let same = true;
  for (const [key, value] of Object.entries(next)) {
    out[key] = shareUnchanged(before[key], value);
    if (out[key] !== before[key]) same = false;
  }
  for (const key in before) if (!(key in out) && before[key] !== undefined) same = false;
  return (same ? before : out) as T;
}
