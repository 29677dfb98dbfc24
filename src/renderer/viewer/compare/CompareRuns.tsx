/**
 * Several runs overlaid: the same CNN at three learning rates, or seeds of
 * one setting (averaged, with their spread). A run is added from the run
 * list of `relu-lab serve` or, on the desktop and in the browser, picked
 * folder by folder; its group (which runs are seeds of one setting) can be
 * renamed. Each chart exports as PNG.
 */
import { useMemo, useState } from 'react';
import { renderImage } from '../../export/image';
import { exportFileName } from '../../platform/fileNames';
import { loadPlotly } from '../../charts/plotly';
import { platform } from '../../platform/current';
import { useApp } from '../../store';
import { COMPARE_THEMES } from '../../compare/figures';
import { Plot } from '../../compare/Plot';
import { COMPARE_METRICS, runCompareFigure, type CompareMetric, type CompareTheme } from './compareFigures';
import { compareRun, removeComparedRun, setRunGroup, useComparedRuns } from './compareRunsStore';
import { useViewer } from '../viewerStore';

const LIGHT = COMPARE_THEMES.light;
const IMAGE_SIZE = { width: 1200, height: 700 };

async function addPickedRun(): Promise<void> {
  const picked = await platform.pickRun();
  if (!picked) return;
  if (picked.kind !== 'folder') throw new Error(`${picked.name}: a comparison reads run folders; an exported run JSON opens in the viewer (Open Run…)`);
  compareRun(picked.source);
}

function CompareChart({ metric, layer, theme }: { metric: CompareMetric; layer: number | 'all'; theme: CompareTheme }) {
  const runs = useComparedRuns((s) => s.runs);
  const version = useComparedRuns((s) => s.version);
  const spec = COMPARE_METRICS.find((m) => m.id === metric)!;
  const figure = useMemo(() => runCompareFigure(runs, metric, layer, theme), [runs, version, metric, layer, theme]);
  const save = async () => {
    const plotly = await loadPlotly();
    const f = runCompareFigure(runs, metric, layer, LIGHT, spec.title);
    const bytes = await renderImage(plotly, f, 'png', 1, IMAGE_SIZE);
    await platform.saveBytes({ suggestedName: exportFileName('runs', `compare-${metric}`, null, 'png'), mime: 'image/png', extensions: ['png'], data: bytes });
  };
  return (
    <section className="run-compare-chart" aria-label={spec.title}>
      <header className="row">
        <h3 className="small">{spec.title}</h3>
        <span className="spacer" />
        <button className="small" onClick={() => void save()}>PNG</button>
      </header>
      <Plot data={figure.data} layout={figure.layout} testId={`run-compare-${metric}`} />
    </section>
  );
}

export function CompareRuns() {
  const runs = useComparedRuns((s) => s.runs);
  const theme = useApp((s) => s.theme);
  const [layer, setLayer] = useState<number | 'all'>('all');
  const [error, setError] = useState<string | null>(null);
  const served = useViewer((s) => s.served !== null);
  const names = runs.reduce<string[]>((longest, r) => (r.layerNames.length > longest.length ? r.layerNames : longest), []);
  const chartTheme = COMPARE_THEMES[theme];
  return (
    <div className="run-compare" data-testid="run-compare">
      <div className="run-compare-runs">
        <table className="small">
          <thead><tr><th>run</th><th>group (seeds of one setting share one)</th><th>records</th><th /></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.key} data-testid="compared-run">
                <td className="ellipsis" title={r.label}>{r.label}{r.problems > 0 ? ` (${r.problems} problems)` : ''}</td>
                <td><input aria-label={`Group of ${r.label}`} value={r.group} onChange={(e) => setRunGroup(r.key, e.target.value)} /></td>
                <td>{r.status === 'reading' ? 'reading…' : r.steps.length}</td>
                <td><button className="icon" title={`Remove ${r.label}`} aria-label={`Remove ${r.label}`} onClick={() => removeComparedRun(r.key)}>✕</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          {!served && <button data-testid="compare-add-run" onClick={() => addPickedRun().then(() => setError(null), (e: unknown) => setError(e instanceof Error ? e.message : String(e)))}>Add a run folder…</button>}
          <label className="row small">layer
            <select aria-label="Layer" value={String(layer)} onChange={(e) => setLayer(e.target.value === 'all' ? 'all' : Number(e.target.value))}>
              <option value="all">mean of all layers</option>
              {names.map((n, i) => <option key={i} value={i}>{n}</option>)}
            </select>
          </label>
        </div>
        {error && <p className="error-box">{error}</p>}
        {runs.length < 2 && <p className="small muted">{served ? 'Tick two or more runs in the run list to compare them' : 'Add at least two runs to compare them'}: the same network at several learning rates, or several seeds of one setting (named …-seed1, …-seed2: they are averaged, with their spread).</p>}
      </div>
      {runs.length > 0 && COMPARE_METRICS.map((m) => <CompareChart key={m.id} metric={m.id} layer={layer} theme={chartTheme} />)}
    </div>
  );
}
