/** Undo/redo over immutable snapshots, bounded so a long session cannot grow without limit. */
export const UNDO_LIMIT = 200;

export interface UndoStack<T> {
  past: T[];
  present: T;
  future: T[];
}

export function startStack<T>(present: T): UndoStack<T> {
  return { past: [], present, future: [] };
}

export function pushState<T>(s: UndoStack<T>, next: T, limit = UNDO_LIMIT): UndoStack<T> {
  const past = [...s.past, s.present];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { past, present: next, future: [] };
}

export function undoState<T>(s: UndoStack<T>): UndoStack<T> {
  if (s.past.length === 0) return s;
  return { past: s.past.slice(0, -1), present: s.past[s.past.length - 1], future: [s.present, ...s.future] };
}

export function redoState<T>(s: UndoStack<T>): UndoStack<T> {
  if (s.future.length === 0) return s;
  return { past: [...s.past, s.present], present: s.future[0], future: s.future.slice(1) };
}
