/** Title bar: document, file actions, undo/redo, exports, theme. */
import { useState } from 'react';
import { exportWeights, importWeights, newDocument, openDocument, openRecent, saveDocument, saveWithWeights } from '../documents/documentActions';
import { platform } from '../platform/current';
import { actions, canRedo, canUndo, documentTitle, isDirty, undoLabel, useApp } from '../store';
import { AppExportMenu } from '../export/AppExportMenu';
import { openRunDialog } from '../viewer/openRun';
import { showRunList, useViewer } from '../viewer/viewerStore';
import { labSubject } from '../export/subject';
import { LessonsButtons } from '../lessons/LessonsButtons';
import { MenuButton } from './MenuButton';
import { openShareDialog } from '../documents/ShareDialogs';
import { ThemeToggle } from './ThemeToggle';

function ExportMenu() {
  const history = useApp((s) => s.history);
  const experiment = useApp((s) => s.design.present);
  const hasRun = useApp((s) => s.run.state !== 'empty');
  return (
    <MenuButton label="Export" testId="export-menu">
      {!window.reluLab && (
        <button role="menuitem" data-testid="share-link" title="A link that opens this experiment (without trained weights) in a browser" onClick={openShareDialog}>Share link…</button>
      )}
      <AppExportMenu history={history} subject={labSubject(experiment)} platform={platform} />
      <button role="menuitem" data-testid="export-weights" disabled={!hasRun} onClick={() => void exportWeights()}>Weights (.weights.json)</button>
      <button role="menuitem" data-testid="save-with-weights" disabled={!hasRun} onClick={() => void saveWithWeights()}>Experiment with trained weights</button>
      <button role="menuitem" data-testid="import-weights" onClick={() => void importWeights()}>Import weights…</button>
    </MenuButton>
  );
}

/** Electron only: the recent files main keeps (the web build has no paths to reopen). */
function RecentMenu() {
  const [files, setFiles] = useState<string[] | null>(null);
  const api = window.reluLab;
  if (!api) return null;
  return (
    <MenuButton label="Recent" testId="recent" onOpen={() => void api.getRecentFiles().then(setFiles)}>
      {files?.length === 0 && <div className="muted small menu-empty">No recent files</div>}
      {files?.map((f) => (
        <button key={f} role="menuitem" title={f} onClick={() => void openRecent(f)}>{f.split(/[\\/]/).pop()}</button>
      ))}
    </MenuButton>
  );
}

export function Header() {
  const title = useApp(documentTitle);
  const dirty = useApp(isDirty);
  const undoable = useApp(canUndo);
  const redoable = useApp(canRedo);
  const undoTitle = useApp(undoLabel);
  const served = useViewer((s) => s.served !== null);
  return (
    <header className="app-header">
      <div className="brand"><span className="logo" aria-hidden>⌁</span> <span className="brand-name">ReLU Lab</span></div>
      <div className="doc-title" data-testid="doc-title" title={`${title}${dirty ? ' (unsaved changes)' : ''}`}>
        {title}{dirty && <><span className="dirty" data-testid="dirty-marker" aria-hidden> •</span><span className="sr-only"> (unsaved changes)</span></>}
      </div>
      <nav className="header-actions" aria-label="Document, lessons and exports">
        <button data-testid="new" onClick={newDocument}>New</button>
        <button data-testid="open" onClick={() => void openDocument()}>Open…</button>
        <button data-testid="open-run" title="Open a run recorded by relu_lab in PyTorch or by relu-lab run, or an exported run (Ctrl+Shift+O)" onClick={() => void openRunDialog()}>Open Run…</button>
        {served && <button data-testid="served-runs" title="The runs relu-lab serve shows" onClick={showRunList}>Runs</button>}
        <RecentMenu />
        <button data-testid="save" onClick={() => void saveDocument(false)}>Save</button>
        <button data-testid="save-as" onClick={() => void saveDocument(true)}>Save As…</button>
        <span className="sep" aria-hidden />
        <button className="icon" data-testid="undo" title={undoTitle} aria-label={undoTitle} disabled={!undoable} onClick={actions.undo}>↶</button>
        <button className="icon" data-testid="redo" title="Redo (Ctrl+Shift+Z)" aria-label="Redo (Ctrl+Shift+Z)" disabled={!redoable} onClick={actions.redo}>↷</button>
        <span className="sep" aria-hidden />
        <LessonsButtons />
        <span className="sep" aria-hidden />
        <ExportMenu />
        <ThemeToggle />
      </nav>
    </header>
  );
}
