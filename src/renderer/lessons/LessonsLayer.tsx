/** Everything the lessons add above the builder: the gallery dialog and the comparison view. */
import { CompareView } from '../compare/CompareView';
import { Gallery } from './Gallery';
import { useLessons } from './lessonState';

export function LessonsLayer() {
  const galleryOpen = useLessons((s) => s.galleryOpen);
  const compareOpen = useLessons((s) => s.compareOpen);
  return (
    <>
      {compareOpen && <CompareView />}
      {galleryOpen && <Gallery />}
    </>
  );
}
