/** What the lessons layer shows: the gallery, the lesson panel, the comparison view. */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Experiment } from '../../core/experiment/types';
import { app } from '../store';

export interface LessonState {
  galleryOpen: boolean;
  /** The preset whose lesson is shown; it stays while its document is the one open. */
  lessonId: string | null;
  /** The design the preset started; a New or Open (a fresh undo stack on another design) ends the lesson. */
  lessonRoot: Experiment | null;
  compareOpen: boolean;
  /** A comparison to prefill the comparison view with (a preset's suggestion); raw, validated on use. */
  comparePrefill: unknown | null;
}

export const lessonState = createStore<LessonState>(() => ({
  galleryOpen: false,
  lessonId: null,
  lessonRoot: null,
  compareOpen: false,
  comparePrefill: null,
}));

app.store.subscribe((s) => {
  const l = lessonState.getState();
  if (l.lessonId !== null && s.design.past.length === 0 && s.design.present !== l.lessonRoot) {
    lessonState.setState({ lessonId: null, lessonRoot: null });
  }
});

export function useLessons<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonState, selector);
}
