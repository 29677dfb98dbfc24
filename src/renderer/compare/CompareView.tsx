/**
 * Side-by-side comparison: pick a variable of the current design and 2–6
 * values, train every run in the comparison worker, and read the overlaid
 * instruments and the results table (mean ± sd over seeds). Table → CSV,
 * any chart → PNG.
 */
import { useMemo, useState } from 'react';
import { ACTIVATION_KINDS, INIT_KINDS, ZERO_GRADIENT_WHEN_INACTIVE, type ActivationKind, type InitKind } from '../../core/experiment/types';
import { COMPARE_VARIABLES, MAX_SEEDS, MAX_VALUES } from '../../core/compare/spec';
import type { Spread } from '../../core/compare/table';
import { exportFileName } from '../platform/fileNames';
import { platform } from '../platform/current';
import { useApp } from '../store';
import { lessonState } from '../lessons/lessonState';
import { cancelComparison, runComparison, setForm, useCompare } from './compareStore';
import { COMPARE_CHARTS, COMPARE_THEMES, compareFigure, runColor, type CompareChartId } from './figures';
import { VARIABLE_LABELS } from './form';
import { Plot } from './Plot';
import { loadPlotly } from '../charts/plotly';
import { renderImage } from '../export/image';
import '../lessons/lessons.css';

/** Compare charts hold many runs: a larger picture than a live chart's. */
const COMPARE_IMAGE_SIZE = { width: 1200, height: 700 };
const { dark: DARK, light: LIGHT } = COMPARE_THEMES;

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

function CompareForm() {
  const form = useCompare((s) => s.form);
  const running = useCompare((s) => s.status === 'running');
  const progress = useCompare((s) => s.progress);
  const error = useCompare((s) => s.error);
  const design = useApp((s) => s.design.present);
  const [refusal, setRefusal] = useState<string | null>(null);
  const hidden = design.network.layers.length - 1;

  const checkboxes = <T extends string>(options: readonly T[], chosen: T[], onChange: (next: T[]) => void, name: string) => (
    <div className="lab-checks" role="group" aria-label={name}>
      {options.map((o) => (
        <label key={o} className={chosen.includes(o) ? 'on' : ''}>
          <input
            type="checkbox"
            data-testid={`compare-value-${o}`}
            checked={chosen.includes(o)}
            disabled={running || (!chosen.includes(o) && chosen.length >= MAX_VALUES)}
            onChange={() => onChange(toggle(chosen, o))}
          />
          {o}
        </label>
      ))}
    </div>
  );

  return (
    <div className="lab-compare-form">
      <div className="field">
        <label htmlFor="compare-variable">variable</label>
        <select id="compare-variable" data-testid="compare-variable" value={form.variable} disabled={running} onChange={(e) => setForm({ variable: e.target.value as typeof form.variable })}>
          {COMPARE_VARIABLES.map((v) => <option key={v} value={v}>{VARIABLE_LABELS[v]}</option>)}
        </select>
      </div>
      {form.variable === 'layer-activation' && (
        <div className="field">
          <label htmlFor="compare-layer">layer</label>
          <select id="compare-layer" value={form.layer} disabled={running} onChange={(e) => setForm({ layer: Number(e.target.value) })}>
            {Array.from({ length: hidden }, (_, l) => <option key={l} value={l}>hidden layer {l + 1} ({design.network.layers[l].activation.kind})</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label>values (2–{MAX_VALUES})</label>
        {(form.variable === 'activation' || form.variable === 'layer-activation') &&
          checkboxes(ACTIVATION_KINDS.filter((k) => k !== 'linear') as ActivationKind[], form.activations, (activations) => setForm({ activations }), 'activations')}
        {form.variable === 'init' && checkboxes(INIT_KINDS as readonly InitKind[], form.inits, (inits) => setForm({ inits }), 'inits')}
        {(form.variable === 'lr' || form.variable === 'seed') && (
          <input
            data-testid="compare-numbers"
            value={form.numbers}
            disabled={running}
            placeholder={form.variable === 'lr' ? '0.1, 0.01, 0.001' : '1, 2, 3'}
            onChange={(e) => setForm({ numbers: e.target.value })}
          />
        )}
      </div>
      {form.variable !== 'seed' && (
        <div className="field">
          <label htmlFor="compare-seeds">seeds per value (mean ± sd)</label>
          <input
            id="compare-seeds"
            data-testid="compare-seeds"
            type="number"
            min={1}
            max={MAX_SEEDS}
            value={form.seeds}
            disabled={running}
            onChange={(e) => setForm({ seeds: Math.max(1, Math.min(MAX_SEEDS, Math.round(Number(e.target.value) || 1))) })}
          />
        </div>
      )}
      <p className="muted small">
        Every run trains “{design.name}” as designed ({design.training.steps ?? `${design.training.epochs} epochs`}{design.training.steps !== null ? ' steps' : ''}), on the same data, from seed {design.seed}
        {form.seeds > 1 && form.variable !== 'seed' ? ` to ${design.seed + form.seeds - 1}` : ''}; only the variable changes.
        {design.weights !== null && ' The starting weights stored in this experiment are not used: each run starts from its init.'}
      </p>
      <div className="lab-row">
        <button className="primary-outline" data-testid="compare-run" disabled={running} onClick={() => setRefusal(runComparison())}>Run comparison</button>
        <button data-testid="compare-cancel" disabled={!running} onClick={cancelComparison}>Cancel</button>
      </div>
      {refusal && <div className="field-error" role="alert">{refusal}</div>}
      {error && <div className="field-error" role="alert" data-testid="compare-error">{error}</div>}
      {running && (
        <div className="lab-progress" data-testid="compare-progress" aria-live="polite">
          <progress max={1} value={progress ? (progress.done + progress.step / Math.max(progress.total, 1)) / Math.max(progress.runs, 1) : 0} />
          <span className="small muted">{progress ? `run ${progress.done + 1} of ${progress.runs} · step ${progress.step} / ${progress.total}` : 'loading data…'}</span>
        </div>
      )}
    </div>
  );
}

function fmt(s: Spread | null, percent = false): string {
  if (!s || s.n === 0) return '—';
  const f = (v: number) => (percent ? `${(100 * v).toFixed(1)}` : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
  return s.n > 1 ? `${f(s.mean)} ± ${f(s.sd)}${percent ? ' %' : ''}` : `${f(s.mean)}${percent ? ' %' : ''}`;
}

function ResultsTable() {
  const rows = useCompare((s) => s.rows);
  const csv = useCompare((s) => s.csv);
  const variable = useCompare((s) => s.variable);
  const name = useCompare((s) => s.experimentName);
  const results = useCompare((s) => s.results);
  if (rows.length === 0) return null;
  const layers = Math.max(...rows.map((r) => r.units.length));
  // "dead" only where a never-active unit gets no gradient (relu, relu6); otherwise "dormant".
  const activationOf = (valueIndex: number): string[] => results.find((r) => r.valueIndex === valueIndex)?.summary.layers.map((l) => l.activation) ?? [];
  // PReLU's learned slopes, per run of the value: the lesson's "alpha moves away from its init".
  const alphasOf = (valueIndex: number): string =>
    results.filter((r) => r.valueIndex === valueIndex).flatMap((r) => r.finalAlpha.filter((a): a is number => a !== null)).map((a) => a.toFixed(3)).join(', ');
  const showAlpha = results.some((r) => r.finalAlpha.some((a) => a !== null));
  return (
    <section className="lab-results" aria-label="Results">
      <div className="lab-row lab-spread">
        <h3>Results <span className="muted small">(final record; mean ± sd over seeds)</span></h3>
        <button
          data-testid="compare-export-csv"
          disabled={!csv}
          onClick={() => csv && void platform.saveBytes({ suggestedName: exportFileName(name, `compare-${variable ?? 'runs'}`, null, 'csv'), mime: 'text/csv', extensions: ['csv'], data: csv })}
        >
          Export table (CSV)
        </button>
      </div>
      <table className="lab-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>{variable ? VARIABLE_LABELS[variable] : 'value'}</th>
            <th>runs</th>
            <th>train acc.</th>
            <th>test acc.</th>
            <th>train loss</th>
            <th>test loss</th>
            {Array.from({ length: layers }, (_, l) => <th key={l} title="dead (relu, relu6) or dormant (others) units at the end">L{l + 1} dead/dormant</th>)}
            {showAlpha && <th title="PReLU's learned slope per hidden layer at the end">PReLU α</th>}
            <th>time (s)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const acts = activationOf(r.valueIndex);
            return (
              <tr key={r.valueIndex}>
                <td><span className="lab-swatch" style={{ background: runColor(r.valueIndex) }} />{r.label}{r.diverged > 0 && <span className="lab-bad" title="runs whose loss became NaN or infinite"> · {r.diverged} diverged</span>}</td>
                <td>{r.runs}</td>
                <td>{fmt(r.trainAccuracy, true)}</td>
                <td>{fmt(r.testAccuracy, true)}</td>
                <td>{fmt(r.trainLoss)}</td>
                <td>{fmt(r.testLoss)}</td>
                {Array.from({ length: layers }, (_, l) => (
                  <td key={l} title={acts[l] && ZERO_GRADIENT_WHEN_INACTIVE.has(acts[l] as ActivationKind) ? 'dead: no gradient, cannot recover' : 'dormant: still gets gradient, can recover'}>
                    {fmt(r.deadPerLayer[l] ?? null)} / {r.units[l]}
                  </td>
                ))}
                {showAlpha && <td className="lab-alpha">{alphasOf(r.valueIndex) || '—'}</td>}
                <td>{fmt(r.seconds)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function CompareChart({ id, title }: { id: CompareChartId; title: string }) {
  const results = useCompare((s) => s.results);
  const variable = useCompare((s) => s.variable);
  const name = useCompare((s) => s.experimentName);
  const theme = useApp((s) => s.theme);
  const figure = useMemo(() => compareFigure(id, results, theme === 'dark' ? DARK : LIGHT), [id, results, theme]);
  const exportPng = async (): Promise<void> => {
    const f = compareFigure(id, results, LIGHT, `${name}: ${title}`);
    const png = await renderImage(await loadPlotly(), f, 'png', 1, COMPARE_IMAGE_SIZE);
    await platform.saveBytes({ suggestedName: exportFileName(name, `compare-${variable ?? 'runs'}_${id}`, null, 'png'), mime: 'image/png', extensions: ['png'], data: png });
  };
  return (
    <figure className="lab-chart" data-testid={`compare-chart-${id}`}>
      <figcaption className="lab-row lab-spread">
        <span>{title}</span>
        <button className="icon" title="Export as PNG" data-testid={`compare-png-${id}`} disabled={results.length === 0} onClick={() => void exportPng()}>PNG</button>
      </figcaption>
      <Plot data={figure.data} layout={figure.layout} />
    </figure>
  );
}

export function CompareView() {
  const name = useApp((s) => s.design.present.name);
  const results = useCompare((s) => s.results);
  const status = useCompare((s) => s.status);
  return (
    <div className="lab-overlay" role="dialog" aria-label="Compare runs" data-testid="compare-view">
      <div className="lab-overlay-head">
        <h2>Compare runs <span className="muted">— {name}</span></h2>
        <button data-testid="compare-close" onClick={() => lessonState.setState({ compareOpen: false })}>Close</button>
      </div>
      <div className="lab-compare">
        <aside>
          <CompareForm />
        </aside>
        <div className="lab-compare-main">
          {results.length === 0 && status !== 'running' && (
            <p className="muted">Choose a variable and its values, then Run. Each run appears here as it finishes, one color per value.</p>
          )}
          <ResultsTable />
          {(results.length > 0 || status === 'running') && (
            <div className="lab-charts">
              {COMPARE_CHARTS.map((c) => <CompareChart key={c.id} id={c.id} title={c.title} />)}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
