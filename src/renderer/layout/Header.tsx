/** Title bar: document, file actions, undo/redo, exports, theme. */
import { useEffect, useRef, useState } from 'react';
import { exportWeights, importWeights, newDocument, openDocument, openRecent, saveDocument, saveWithWeights } from '../documents/documentActions';
import { platform } from '../platform/current';
import { actions, documentTitle, isDirty, useApp } from '../store';
import { AppExportMenu } from '../export/AppExportMenu';
import { openRunDialog } from '../viewer/openRun';
import { labSubject } from '../export/subject';
import { LessonsButtons } from '../lessons/LessonsButtons';

function ExportMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const history = useApp((s) => s.history);
  const experiment = useApp((s) => s.design.present);
  const hasRun = useApp((s) => s.run.state !== 'empty');
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button data-testid="export-menu" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Export ▾
      </button>
      {open && (
        <div className="menu-popup" role="menu" onClick={(e) => { if ((e.target as HTMLElement).closest('button')) setOpen(false); }}>
          <AppExportMenu history={history} subject={labSubject(experiment)} platform={platform} />
          <button role="menuitem" data-testid="export-weights" disabled={!hasRun} onClick={() => void exportWeights()}>Weights (.weights.json)</button>
          <button role="menuitem" data-testid="save-with-weights" disabled={!hasRun} onClick={() => void saveWithWeights()}>Experiment with trained weights</button>
          <button role="menuitem" data-testid="import-weights" onClick={() => void importWeights()}>Import weights…</button>
        </div>
      )}
    </div>
  );
}

/** Electron only: the recent files main keeps (the web build has no paths to reopen). */
function RecentMenu() {
  const [files, setFiles] = useState<string[] | null>(null);
  const api = window.reluLab;
  if (!api) return null;
  return (
    <div className="menu">
      <button data-testid="recent" aria-haspopup="menu" onClick={() => (files ? setFiles(null) : void api.getRecentFiles().then(setFiles))}>Recent ▾</button>
      {files && (
        <div className="menu-popup" role="menu">
          {files.length === 0 && <div className="muted small menu-empty">No recent files</div>}
          {files.map((f) => (
            <button key={f} role="menuitem" title={f} onClick={() => { setFiles(null); void openRecent(f); }}>{f.split(/[\\/]/).pop()}</button>
          ))}
        </div>
      )}
    </div>
  );
}

export function Header() {
  const title = useApp(documentTitle);
  const dirty = useApp(isDirty);
  const canUndo = useApp((s) => s.design.past.length > 0);
  const canRedo = useApp((s) => s.design.future.length > 0);
  const theme = useApp((s) => s.theme);
  return (
    <header className="app-header">
      <div className="brand"><span className="logo" aria-hidden>⌁</span> ReLU Lab</div>
      <div className="doc-title" data-testid="doc-title" title={dirty ? 'Unsaved changes' : 'Saved'}>
        {title}{dirty && <span className="dirty" data-testid="dirty-marker" aria-label="unsaved changes"> •</span>}
      </div>
      <nav className="header-actions">
        <button data-testid="new" onClick={newDocument}>New</button>
        <button data-testid="open" onClick={() => void openDocument()}>Open…</button>
        <button data-testid="open-run" title="Open a run recorded by relu_lab in PyTorch or by relu-lab run, or an exported run (Ctrl+Shift+O)" onClick={() => void openRunDialog()}>Open Run…</button>
        <RecentMenu />
        <button data-testid="save" onClick={() => void saveDocument(false)}>Save</button>
        <button data-testid="save-as" onClick={() => void saveDocument(true)}>Save As…</button>
        <span className="sep" />
        <button className="icon" data-testid="undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={actions.undo}>↶</button>
        <button className="icon" data-testid="redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={actions.redo}>↷</button>
        <span className="sep" />
        <LessonsButtons />
        <span className="sep" />
        <ExportMenu />
        <button
          className="icon"
          data-testid="theme-toggle"
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          onClick={() => actions.setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </nav>
    </header>
  );
}
