/** The viewer's title bar: the run, opening another, going back, the run's exports, the theme. */
import { AppExportMenu } from '../export/AppExportMenu';
import { MenuButton } from '../layout/MenuButton';
import { platform } from '../platform/current';
import { ThemeToggle } from '../layout/ThemeToggle';
import { openRunDialog } from './openRun';
import { runSubject } from './subject';
import { showLab, showRunList, useShownVersion, useViewer } from './viewerStore';

function RunExportMenu() {
  const history = useViewer((s) => s.history);
  const run = useViewer((s) => s.run);
  useShownVersion();
  if (!run) return null;
  return (
    <MenuButton label="Export" testId="export-menu">
      <AppExportMenu history={history} subject={runSubject(run)} platform={platform} />
    </MenuButton>
  );
}

export function ViewerHeader() {
  const mode = useViewer((s) => s.mode);
  const label = useViewer((s) => s.run?.label ?? null);
  const served = useViewer((s) => s.served !== null);
  return (
    <header className="app-header">
      <div className="brand"><span className="logo" aria-hidden>⌁</span> <span className="brand-name">ReLU Lab</span></div>
      <div className="doc-title" data-testid="doc-title" title={label ?? undefined}>
        {mode === 'runs' ? 'Runs' : mode === 'compare' ? 'Compare runs' : label ? `Run · ${label}` : 'Run'}
      </div>
      <nav className="header-actions" aria-label="Runs and exports">
        {served && mode === 'run' && <button onClick={showRunList}>All runs</button>}
        {!served && <button data-testid="open-run" title="Open a run folder or an exported run (Ctrl+Shift+O)" onClick={() => void openRunDialog()}>Open Run…</button>}
        <button data-testid="lab" title="The network builder and its own live training" onClick={showLab}>Lab</button>
        <span className="sep" aria-hidden />
        <RunExportMenu />
        <ThemeToggle />
      </nav>
    </header>
  );
}
