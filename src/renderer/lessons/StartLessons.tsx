/** The start screen's row of lessons, and the way to a PyTorch run: shown over a fresh, untouched document until dismissed. */
import { useState } from 'react';
import { useApp } from '../store';
import { GalleryCards } from './Gallery';
import { useOpenLesson } from './lessonState';
import { openRunDialog } from '../viewer/openRun';

const DISMISSED_KEY = 'relu-lab:start-lessons-dismissed';

export function StartLessons() {
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(DISMISSED_KEY) === '1');
  const pristine = useApp((s) => s.design.past.length === 0 && s.fileName === null && s.run.step === 0 && s.design.future.length === 0);
  const inLesson = useOpenLesson() !== null;
  if (dismissed || !pristine || inLesson) return null;
  return (
    <section className="lab-start" aria-label="Start from a lesson" data-testid="start-lessons">
      <div className="lab-row lab-spread">
        <span className="small muted">Start from a lesson — each one shows a claim about ReLU with its own seed:</span>
        <button className="icon" title="Hide" onClick={() => { sessionStorage.setItem(DISMISSED_KEY, '1'); setDismissed(true); }}>×</button>
      </div>
      <GalleryCards compact />
      <div className="lab-row small muted start-run">
        <span>Or look at your own PyTorch training, recorded with <code>relu_lab.watch</code>:</span>
        <button data-testid="start-open-run" title="Open a run folder or an exported run (Ctrl+Shift+O); dropping one on the window works too" onClick={() => void openRunDialog()}>Open Run…</button>
      </div>
    </section>
  );
}
