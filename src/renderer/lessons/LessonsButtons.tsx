/** Header buttons: the lessons gallery, the comparison view, Copy as PyTorch. */
import { useState } from 'react';
import { lessonState, useLessons } from './lessonState';
import { PyTorchDialog } from './PyTorchDialog';

export function LessonsButtons() {
  const compareOpen = useLessons((s) => s.compareOpen);
  const [pytorch, setPytorch] = useState(false);
  return (
    <>
      <button data-testid="lessons" onClick={() => lessonState.setState({ galleryOpen: true })}>Lessons</button>
      <button data-testid="compare" aria-pressed={compareOpen} onClick={() => lessonState.setState({ compareOpen: !compareOpen })}>Compare</button>
      <button data-testid="copy-pytorch" title="The network as PyTorch code" onClick={() => setPytorch(true)}>PyTorch</button>
      {pytorch && <PyTorchDialog onClose={() => setPytorch(false)} />}
    </>
  );
}
