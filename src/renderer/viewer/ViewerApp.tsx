/**
 * The window while a run is viewed (or the run list of `relu-lab serve`, or
 * runs compared): the same instrument panels as a live run, fed by the run's
 * records, with the run's layers where the builder would be.
 */
import { useMemo } from 'react';
import { RunInstruments } from '../layout/Instruments';
import { Notices } from '../layout/Notices';
import { CompareRuns } from './compare/CompareRuns';
import { compareRun, useComparedRuns } from './compare/compareRunsStore';
import { RunLayers } from './RunLayers';
import { RunList } from './RunList';
import { ACTIVITY_TEXT, ACTIVITY_TITLE, sourceText } from './runFacts';
import { RunSidebar } from './RunSidebar';
import { runSubject } from './subject';
import { UnitPanel } from './UnitPanel';
import { ViewerHeader } from './ViewerHeader';
import { ViewerStatusBar } from './ViewerStatusBar';
import { leaveComparison, openRunSourceAgain, selectRunUnit, showComparison, useShownVersion, useViewer } from './viewerStore';
import './viewer.css';

function ViewerInstruments() {
  const history = useViewer((s) => s.history);
  const version = useShownVersion();
  const label = useViewer((s) => s.run?.label);
  const experiment = useViewer((s) => s.run?.experiment);
  const info = useViewer((s) => s.run?.info);
  const inferred = useViewer((s) => s.run?.inferred);
  const subject = useMemo(() => runSubject({ label: label ?? '', experiment: experiment ?? null, info: info ?? null, inferred: inferred ?? false }), [label, experiment, info, inferred]);
  if (label === undefined) return null;
  return <RunInstruments history={history} version={version} subject={subject} onSelectUnit={(layer, unit) => selectRunUnit({ layer, unit })} />;
}

function RunBanner() {
  const run = useViewer((s) => s.run);
  const compared = useComparedRuns((s) => s.runs);
  if (!run) return null;
  const compareThis = () => {
    // The open run joins the comparison, unless it is there already.
    const source = openRunSourceAgain();
    if (source && !compared.some((r) => r.label === run.label)) compareRun(source);
    showComparison();
  };
  return (
    <div className="run-banner" role="status" data-testid="run-banner">
      <strong className="ellipsis" title={run.label}>{run.label}</strong>
      <span className="muted">{run.origin === 'json' && !run.info ? 'exported run' : sourceText(run.info)}</span>
      <span className={`activity ${run.activity}`} title={ACTIVITY_TITLE[run.activity]}>{ACTIVITY_TEXT[run.activity]}</span>
      <span className="spacer" />
      <button data-testid="compare-runs" title="Overlay this run with others: seeds, learning rates…" onClick={compareThis}>Compare with other runs…</button>
    </div>
  );
}

export function ViewerApp() {
  const mode = useViewer((s) => s.mode);
  return (
    <div className={`app viewer-app ${mode}-mode`}>
      <ViewerHeader />
      {mode === 'run' && <aside className="sidebar" aria-label="Run"><RunSidebar /></aside>}
      <main className="center">
        <Notices />
        {mode === 'runs' && <RunList />}
        {mode === 'compare' && (
          <div className="run-compare-wrap">
            <div className="row run-compare-head">
              <h2>Compare runs</h2>
              <span className="spacer" />
              <button data-testid="leave-compare" onClick={leaveComparison}>Done</button>
            </div>
            <CompareRuns />
          </div>
        )}
        {mode === 'run' && (
          <section className="canvas-panel" aria-label="Watched layers">
            <RunBanner />
            <div className="canvas-scroll"><RunLayers /></div>
            <UnitPanel />
          </section>
        )}
      </main>
      {mode === 'run' && (
        <section className="instruments" aria-label="Instruments">
          <ViewerInstruments />
        </section>
      )}
      <ViewerStatusBar />
    </div>
  );
}
