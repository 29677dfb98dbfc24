/**
 * The viewer's sidebar: what the run is (name, source, how it was
 * measured), how far it has been read and whether it is live, why the
 * training controls are off, and the problems found in its files.
 */
import { describeProblem } from '../../core/rundir/records';
import { layerName } from '../charts/figures/theme';
import { confirmDiscard } from '../documents/documentActions';
import { actions } from '../store';
import { ACTIVITY_TEXT, ACTIVITY_TITLE, neverActiveWord, percent, sourceText, unitsText } from './runFacts';
import { showLab, showRunList, useShownVersion, useViewer } from './viewerStore';
import type { Experiment } from '../../core/experiment/types';

function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function ReadingProgress() {
  const progress = useViewer((s) => s.run?.progress);
  if (!progress || progress.caughtUp) return null;
  const { bytes, total } = progress;
  return (
    <div className="run-progress" data-testid="run-progress">
      <progress max={total ?? undefined} value={total ? bytes : undefined} aria-label="Reading the run folder" />
      <span className="small muted">{bytesText(bytes)}{total ? ` of ${bytesText(total)}` : ''} read</span>
    </div>
  );
}

/** A ReLU Lab run carries its experiment: it can go back to the lab to be trained again or changed (New asks first if the lab's work is unsaved). */
function openExperimentInLab(experiment: Experiment): void {
  if (!confirmDiscard()) return;
  showLab();
  actions.newDocument(experiment);
}

export function RunSidebar() {
  const run = useViewer((s) => s.run);
  const served = useViewer((s) => s.served !== null);
  const history = useViewer((s) => s.history);
  useShownVersion();
  if (!run) return null;
  const info = run.info;
  const n = history.length;
  return (
    <>
      <section className="panel" aria-label="Run">
        <h2>Run</h2>
        <div className="run-name" data-testid="run-name" title={run.label}>{run.label}</div>
        <div className="kv run-facts">
          <span>source</span><b data-testid="run-source">{run.origin === 'json' && !info ? 'exported run (JSON)' : sourceText(info)}</b>
          <span>status</span>
          <b><span className={`activity ${run.activity}`} data-testid="run-activity" data-activity={run.activity} title={ACTIVITY_TITLE[run.activity]}>{ACTIVITY_TEXT[run.activity]}</span></b>
          <span>records</span><b data-testid="run-records">{run.records}{run.lastStep !== null ? ` · last step ${run.lastStep}` : ''}</b>
          {info && !run.inferred && <><span>probe</span><b>{info.monitor.probe} samples, every {info.monitor.every} steps</b></>}
          {info?.created && <><span>started</span><b>{new Date(info.created).toLocaleString()}</b></>}
          {run.nonFinite > 0 && <><span>non-finite loss</span><b className="run-layer-dead">{run.nonFinite} record{run.nonFinite === 1 ? '' : 's'}</b></>}
        </div>
        <ReadingProgress />
      </section>
      <section className="panel" aria-label="Training">
        <h2>Training</h2>
        <div className="run-controls" aria-disabled="true">
          <button className="train" disabled data-testid="train-toggle" title="Training controls are off while viewing a recorded run">▶ Train</button>
          <button disabled>Step</button>
          <button disabled>Reset</button>
        </div>
        <p className="small muted" data-testid="controls-off">
          {info?.source.kind === 'pytorch'
            ? 'This run was trained in PyTorch and is shown as it recorded itself: there is nothing to train here.'
            : 'This run was recorded earlier: its charts are shown as they were written.'}
        </p>
        <div className="run-actions">
          {run.experiment && <button data-testid="open-experiment" onClick={() => openExperimentInLab(run.experiment!)}>Open its experiment in the lab</button>}
          {served && <button data-testid="all-runs" onClick={showRunList}>← All runs</button>}
          <button data-testid="back-to-lab" onClick={showLab}>Back to the lab</button>
        </div>
      </section>
      <section className="panel" aria-label="Watched layers">
        <h2>Watched layers</h2>
        <table className="run-layer-table small">
          <thead><tr><th>module</th><th>units</th><th>never active</th></tr></thead>
          <tbody>
            {history.layers.map((layer, l) => {
              const dead = n > 0 ? history.layerMetric(n - 1, l, 'deadCount') : NaN;
              return (
                <tr key={l}>
                  <td className="ellipsis" title={`${layerName(layer)} (${layer.activation})`}>{layerName(layer)}</td>
                  <td>{unitsText(layer)}</td>
                  <td>{Number.isFinite(dead) ? `${dead} ${neverActiveWord(layer)} (${percent(dead / layer.units)})` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {run.problems.length > 0 && (
        <section className="panel" aria-label="Problems in the run's files">
          <h2>Problems ({run.problems.length}{run.problems.length >= 50 ? '+' : ''})</h2>
          <p className="small muted">What could be read is shown; these lines were not:</p>
          <ul className="run-problems" data-testid="run-problems">
            {run.problems.map((p, i) => <li key={i} className="small">{describeProblem(p)}</li>)}
          </ul>
        </section>
      )}
    </>
  );
}
