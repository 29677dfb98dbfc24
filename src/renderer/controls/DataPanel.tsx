/** Data set choice, its parameters, CSV files (dialog or drag-and-drop) and a preview. */
import { useState, type DragEvent } from 'react';
import { DATA_KINDS, type DataKind, type Experiment } from '../../core/experiment/types';
import { platform } from '../platform/current';
import { actions, app, useApp } from '../store';
import { changeDataKind, isSynthetic, updateData } from '../store/designEdits';
import { checkCsv, type CsvSummary } from './csvFile';
import { CsvTable, DatasetPreview } from './DatasetPreview';
import { NumberField } from './NumberField';

const KIND_LABELS: Record<DataKind, string> = {
  spiral: 'Spiral', circles: 'Circles', xor: 'XOR', gaussians: 'Gaussian blobs', moons: 'Moons',
  sine: 'Sine (regression)', mnist: 'MNIST digits', csv: 'CSV file…', inline: 'Inline (from file)',
};

export function DataPanel() {
  const e = useApp((s) => s.design.present);
  const info = useApp((s) => s.dataset);
  const files = useApp((s) => s.files);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [csv, setCsv] = useState<CsvSummary | null>(null);
  const [kindError, setKindError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const data = e.data;

  /** Checks a CSV text and, if it reads, makes it the data set. */
  const takeCsv = (text: string, name: string, chosenLabel?: string | number): void => {
    // Reopening the CSV of a saved experiment keeps its label column when the file has it.
    let labelColumn: string | number = chosenLabel ?? (data.kind === 'csv' ? data.labelColumn : '');
    let check = checkCsv(text, name, labelColumn, e.network.loss);
    if (!check.ok && chosenLabel === undefined && labelColumn !== '') {
      labelColumn = '';
      check = checkCsv(text, name, labelColumn, e.network.loss);
    }
    if (!check.ok) {
      setCsvError(check.message);
      return;
    }
    setCsvError(null);
    setCsv(check.summary);
    actions.addFile(name, text);
    const label = labelColumn === '' ? check.summary.header[check.summary.header.length - 1] : labelColumn;
    const before = app.store.getState().design.present;
    const refusal = actions.edit((x: Experiment) => changeDataKind(x, 'csv', { path: name, labelColumn: label, shape: check.summary.shape }));
    setCsvError(refusal);
    // Same design (the file an opened experiment names): the core still needs the text it could not read before.
    if (!refusal && app.store.getState().design.present === before) actions.loadIntoCore();
  };

  const openCsv = async (): Promise<void> => {
    const file = await platform.openText({ title: 'Open a CSV data file', extensions: ['csv', 'txt'] });
    if (file) takeCsv(file.text, file.path ?? file.name);
  };

  const onDrop = async (ev: DragEvent): Promise<void> => {
    ev.preventDefault();
    setDragging(false);
    const file = ev.dataTransfer.files[0];
    if (!file) return;
    // A dropped file carries no path across the sandbox: its text goes to the core with `load` (the desktop core too).
    takeCsv(await file.text(), file.name);
  };

  const onKind = (kind: DataKind): void => {
    if (kind === 'csv') {
      void openCsv();
      return;
    }
    setCsvError(null);
    setKindError(actions.edit((x) => changeDataKind(x, kind)));
  };

  const field = (key: string, value: number): ((v: number | null) => string | null) => (v) => actions.edit((x) => updateData(x, { [key]: v ?? value }));
  const csvText = data.kind === 'csv' ? files[data.path] : undefined;

  return (
    <section
      className={`panel${dragging ? ' dragging' : ''}`}
      aria-label="Data"
      onDragOver={(ev) => {
        if (ev.dataTransfer.types.includes('Files')) {
          ev.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2>Data</h2>
      <div className="field">
        <label htmlFor="dataset-kind">data set</label>
        <select id="dataset-kind" data-testid="dataset" value={data.kind} onChange={(ev) => onKind(ev.target.value as DataKind)}>
          {DATA_KINDS.filter((k) => k !== 'inline' || data.kind === 'inline').map((k) => (
            <option key={k} value={k}>{KIND_LABELS[k]}</option>
          ))}
        </select>
        {kindError && <div className="field-error" role="alert">{kindError}</div>}
      </div>
      <div className="field-grid">
        {(isSynthetic(data.kind) || data.kind === 'mnist') && 'samples' in data && (
          <NumberField compact label="samples" testId="data-samples" value={data.samples} integer min={10} max={data.kind === 'mnist' ? 50000 : 100000} step={1} onCommit={field('samples', data.samples)} />
        )}
        {isSynthetic(data.kind) && 'noise' in data && (
          <NumberField compact label="noise" testId="data-noise" value={data.noise} min={0} max={10} step={0.05} onCommit={field('noise', data.noise)} />
        )}
        {(data.kind === 'spiral' || data.kind === 'gaussians') && (
          <NumberField compact label="classes" testId="data-classes" value={data.classes} integer min={2} max={10} step={1} onCommit={field('classes', data.classes)} />
        )}
        <NumberField compact label="test fraction" testId="data-test-fraction" value={data.testFraction} min={0} max={0.95} step={0.05} onCommit={field('testFraction', data.testFraction)} />
      </div>
      {(data.kind === 'csv' || csvError) && (
        <div className="csv-box">
          <div className="row">
            <button data-testid="open-csv" onClick={() => void openCsv()}>Open CSV…</button>
            <span className="muted small ellipsis" title={data.kind === 'csv' ? data.path : ''}>{data.kind === 'csv' ? data.path.split(/[\\/]/).pop() : 'or drop a .csv here'}</span>
          </div>
          {data.kind === 'csv' && csv && csvText !== undefined && (
            <div className="field compact">
              <label htmlFor="csv-label">label column</label>
              <select
                id="csv-label"
                data-testid="csv-label"
                value={String(data.labelColumn)}
                onChange={(ev) => takeCsv(csvText, data.path, ev.target.value)}
              >
                {csv.header.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
            </div>
          )}
          {csvError && <div className="error-box" role="alert" data-testid="csv-error">{csvError}</div>}
          {data.kind === 'csv' && csv && <CsvTable header={csv.header} head={csv.head} />}
          {data.kind === 'csv' && csvText === undefined && <div className="muted small">Open the CSV again to train (the file's text is not stored in the experiment).</div>}
        </div>
      )}
      {data.kind !== 'csv' && !csvError && <div className="muted small drop-hint">Drop a .csv file here to train on your own data.</div>}
      <DatasetPreview info={info} />
    </section>
  );
}
