/** The preset gallery: the eight lessons, each opening as a new document with its explanation. */
import { Modal } from '../layout/Modal';
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
            <span className="lab-card-title">{compact ? p.short : p.title}</span>
            {!compact && <span className="lab-card-summary">{p.summary}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}

export function Gallery() {
  return (
    <Modal
      title={<>Lessons <span className="muted small">— each opens as a new document (Undo brings back the one open now); press Train to see the effect</span></>}
      onClose={() => lessonState.setState({ galleryOpen: false })}
      testId="preset-gallery"
      closeTestId="gallery-close"
    >
      <GalleryCards />
    </Modal>
  );
}
