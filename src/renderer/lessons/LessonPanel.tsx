/** The open lesson's explanation: what to look at, what should happen, why; and its suggested comparison. */
import { useState } from 'react';
import { ValidationError } from '../../core/experiment/errors';
import { compareState, DEFAULT_FORM } from '../compare/compareStore';
import { formFromSpec } from '../compare/form';
import { app, useApp } from '../store';
import { valueLabel } from '../../core/compare/spec';
import { suggestedComparison, type PresetEntry } from './catalog';
import { lessonState, useLessons } from './lessonState';
import { presetEntry } from './presets';
import './lessons.css';

/** "relu vs leaky-relu vs elu", "lr 0.07 vs lr 0.001"; empty when the suggestion no longer fits the network. */
function describeSuggestion(entry: PresetEntry, hiddenLayers: number): string {
  try {
    const spec = suggestedComparison(entry, hiddenLayers);
    return spec ? spec.values.map((_, i) => valueLabel(spec, i)).join(' vs ') : '';
  } catch {
    return '';
  }
}

export function LessonPanel() {
  const id = useLessons((s) => s.lessonId);
  const [collapsed, setCollapsed] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const hiddenLayers = useApp((s) => s.design.present.network.layers.length - 1);
  const entry = id ? presetEntry(id) : undefined;
  if (!entry) return null;

  const openComparison = (): void => {
    const hidden = app.store.getState().design.present.network.layers.length - 1;
    try {
      const spec = suggestedComparison(entry, hidden);
      if (spec) compareState.setState((s) => ({ form: formFromSpec(spec, s.form ?? DEFAULT_FORM) }));
      setRefusal(null);
      lessonState.setState({ compareOpen: true });
    } catch (e) {
      setRefusal(e instanceof ValidationError ? `The suggested comparison no longer fits this network: ${e.message}` : String(e));
    }
  };

  return (
    <section className="panel lab-lesson" aria-label="Lesson" data-testid="lesson-panel">
      <div className="lab-row lab-spread">
        <h2>Lesson</h2>
        <span>
          <button className="icon" title={collapsed ? 'Show' : 'Hide'} aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>{collapsed ? '▸' : '▾'}</button>
          <button className="icon" title="Close the lesson" data-testid="lesson-close" onClick={() => lessonState.setState({ lessonId: null, lessonRoot: null })}>×</button>
        </span>
      </div>
      <div className="lab-lesson-title" data-testid="lesson-title">{entry.title}</div>
      {!collapsed && (
        <dl className="lab-lesson-text">
          <dt>Look at</dt>
          <dd>{entry.lookAt}</dd>
          <dt>What should happen</dt>
          <dd>{entry.expect}</dd>
          <dt>Why</dt>
          <dd>{entry.why}</dd>
        </dl>
      )}
      {entry.compare !== null && (
        <button className="primary-outline" data-testid="lesson-compare" onClick={openComparison}>
          Compare {describeSuggestion(entry, hiddenLayers) || 'runs'}…
        </button>
      )}
      {refusal && <div className="field-error" role="alert">{refusal}</div>}
    </section>
  );
}
