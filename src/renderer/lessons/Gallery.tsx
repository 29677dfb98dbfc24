/** The preset gallery: the eight lessons, each opening as a new document with its explanation. */
import { useEffect } from 'react';
import { catalog, openPreset } from './presets';
import { lessonState } from './lessonState';
import './lessons.css';

export function GalleryCards({ compact = false }: { compact?: boolean }) {
  return (
    <ol className={`lab-cards${compact ? ' compact' : ''}`}>
      {catalog.map((p, i) => (
        <li key={p.id}>
          <button className="lab-card" title={`${p.title}: ${p.summary}`} data-testid={`${compact ? 'start-' : ''}preset-${p.id}`} onClick={() => openPreset(p.id)}>
            <span className="lab-card-n">{i + 1}</span>
            <span className="lab-card-title">{p.title}</span>
            {!compact && <span className="lab-card-summary">{p.summary}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}

export function Gallery() {
  const close = (): void => lessonState.setState({ galleryOpen: false });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="lab-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="lab-modal" role="dialog" aria-modal="true" aria-label="Lessons" data-testid="preset-gallery">
        <div className="lab-overlay-head">
          <h2>Lessons <span className="muted small">— each opens as a new document; press Train to see the effect</span></h2>
          <button data-testid="gallery-close" onClick={close}>Close</button>
        </div>
        <GalleryCards />
      </div>
    </div>
  );
}
