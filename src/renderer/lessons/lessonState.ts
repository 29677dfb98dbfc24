/** What the lessons layer shows: the gallery, the lesson panel, the comparison view. */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useApp } from '../store';

export interface LessonState {
  galleryOpen: boolean;
  /** The preset whose lesson goes with document `lessonDocument`: shown while that document is the one open (Undo may leave it and Redo come back). */
  lessonId: string | null;
  lessonDocument: number | null;
  compareOpen: boolean;
}

export const lessonState = createStore<LessonState>(() => ({
  galleryOpen: false,
  lessonId: null,
  lessonDocument: null,
  compareOpen: false,
}));

export function useLessons<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonState, selector);
}

/** The lesson of the open document, if it has one. */
export function useOpenLesson(): string | null {
  const documentId = useApp((s) => s.documentId);
  return useLessons((s) => (s.lessonDocument === documentId ? s.lessonId : null));
}

export function closeLesson(): void {
  lessonState.setState({ lessonId: null, lessonDocument: null });
}
