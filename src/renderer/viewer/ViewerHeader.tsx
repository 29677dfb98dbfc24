/** The viewer's title bar: the run, opening another, going back, the run's exports, the theme. */
import { useEffect, useRef, useState } from 'react';
import { AppExportMenu } from '../export/AppExportMenu';
import { platform } from '../platform/current';
import { actions, useApp } from '../store';
import { openRunDialog } from './openRun';
import { runSubject } from './subject';
import { showLab, showRunList, useShownVersion, useViewer } from './viewerStore';

function RunExportMenu() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const history = useViewer((s) => s.history);
  const run = useViewer((s) => s.run);
  useShownVersion();
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', escape);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', escape);
    };
  }, [open]);
  if (!run) return null;
  return (
    <div className="menu" ref={ref}>
      <button data-testid="export-menu" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>Export ▾</button>
      {open && (
        <div className="menu-popup" role="menu" onClick={(e) => { if ((e.target as HTMLElement).closest('button')) setOpen(false); }}>
          <AppExportMenu history={history} subject={runSubject(run)} platform={platform} />
        </div>
      )}
    </div>
  );
}

export function ViewerHeader() {
  const mode = useViewer((s) => s.mode);
  const label = useViewer((s) => s.run?.label ?? null);
  const served = useViewer((s) => s.served !== null);
  const theme = useApp((s) => s.theme);
  return (
    <header className="app-header">
      <div className="brand"><span className="logo" aria-hidden>⌁</span> ReLU Lab</div>
      <div className="doc-title" data-testid="doc-title" title={label ?? undefined}>
        {mode === 'runs' ? 'Runs' : mode === 'compare' ? 'Compare runs' : label ? `Run · ${label}` : 'Run'}
      </div>
      <nav className="header-actions">
        {served && mode === 'run' && <button onClick={showRunList}>All runs</button>}
        {!served && <button data-testid="open-run" title="Open a run folder or an exported run (Ctrl+Shift+O)" onClick={() => void openRunDialog()}>Open Run…</button>}
        <button data-testid="lab" title="The network builder and its own live training" onClick={showLab}>Lab</button>
        <span className="sep" />
        <RunExportMenu />
        <button
          className="icon"
          data-testid="theme-toggle"
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          onClick={() => actions.setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </nav>
    </header>
  );
}
