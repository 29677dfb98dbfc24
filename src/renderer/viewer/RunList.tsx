/**
 * The start screen of `relu-lab serve`: the runs under its log directory,
 * updating as runs appear and grow. A click opens one in the viewer; ticked
 * runs open together in the comparison.
 */
import { useState } from 'react';
import type { RunListing } from '../../core/rundir/served';
import { servedRunSource } from '../runs/servedSource';
import { clearComparison, compareRun } from './compare/compareRunsStore';
import { openServedRun } from './openRun';
import { ACTIVITY_TEXT, ACTIVITY_TITLE } from './runFacts';
import { showComparison, useViewer } from './viewerStore';

function when(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString();
}

function compareSelected(runs: RunListing[]): void {
  clearComparison();
  for (const r of runs) compareRun(servedRunSource(r.id, r.name));
  showComparison();
}

export function RunList() {
  const served = useViewer((s) => s.served);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const runs = served?.runs ?? [];
  const chosen = runs.filter((r) => ticked.has(r.id));
  const toggle = (id: string) => setTicked((t) => {
    const next = new Set(t);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  return (
    <section className="run-list" aria-label="Runs" data-testid="run-list">
      <header className="row run-list-head">
        <h2>Runs</h2>
        <span className="muted small">{runs.length} under the served folder · new runs and records appear as they are written</span>
        <span className="spacer" />
        <button data-testid="compare-selected" disabled={chosen.length < 2} title="Overlay the ticked runs: dead/dormant share and sparsity per layer" onClick={() => compareSelected(chosen)}>
          Compare {chosen.length >= 2 ? `${chosen.length} runs` : '(tick two or more)'}
        </button>
      </header>
      {served?.error && <p className="error-box" role="alert">{served.error}</p>}
      {runs.length === 0 ? (
        <p className="muted run-list-empty">
          No runs yet. Runs written by <code>relu_lab.watch(model, probe=…, logdir=…)</code> in PyTorch, or by <code>relu-lab run … --out …</code>, show here as soon as their first file is written.
        </p>
      ) : (
        <div className="run-list-scroll">
          <table className="run-table">
            <thead>
              <tr><th><span className="sr-only">compare</span></th><th>run</th><th>source</th><th>last step</th><th>status</th><th>started</th><th>updated</th></tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="run-row" data-run={r.id}>
                  <td><input type="checkbox" aria-label={`Compare ${r.name}`} checked={ticked.has(r.id)} onChange={() => toggle(r.id)} /></td>
                  <td>
                    <button className="link-button" data-testid="open-served-run" title={r.id} onClick={() => openServedRun(r)}>{r.name}</button>
                    {r.id !== r.name && <div className="muted small">{r.id}</div>}
                    {r.problem && <div className="run-layer-dead small">{r.problem}</div>}
                  </td>
                  <td>{r.source ? `${r.source.kind === 'pytorch' ? 'PyTorch' : 'ReLU Lab'} ${r.source.version}` : '—'}</td>
                  <td>{r.lastStep ?? '—'}</td>
                  <td><span className={`activity ${r.activity}`} title={ACTIVITY_TITLE[r.activity]}>{ACTIVITY_TEXT[r.activity]}</span></td>
                  <td className="small">{when(r.created)}</td>
                  <td className="small">{when(r.updated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
