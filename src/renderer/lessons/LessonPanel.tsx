/** The open lesson's explanation: what to look at, what should happen, why; and its suggested comparisons. */
import { useMemo, useState } from 'react';
import { valueLabel, type CompareSpec } from '../../core/compare/spec';
import { ValidationError } from '../../core/experiment/errors';
import { showComparison } from '../compare/compareStore';
import { useApp } from '../store';
import { suggestedComparisons } from './catalog';
import { closeLesson, lessonState, useOpenLesson } from './lessonState';
import { presetEntry } from './presets';
import './lessons.css';

function describe(spec: CompareSpec): string {
  const values = spec.values.map((_, i) => valueLabel(spec, i)).join(', ');
  return spec.seeds > 1 ? `${values} (${spec.seeds} seeds each)` : values;
}

export function LessonPanel() {
  const id = useOpenLesson();
  const [collapsed, setCollapsed] = useState(false);
  const hiddenLayers = useApp((s) => s.design.present.network.layers.length - 1);
  const entry = id ? presetEntry(id) : undefined;
  // The user may have changed the network since: a suggestion that no longer fits is explained, not offered.
  const suggestions = useMemo((): { specs: CompareSpec[]; problem: string | null } => {
    if (!entry) return { specs: [], problem: null };
    try {
      return { specs: suggestedComparisons(entry, hiddenLayers), problem: null };
    } catch (e) {
      return { specs: [], problem: `The suggested comparison no longer fits this network: ${e instanceof ValidationError ? e.message : String(e)}` };
    }
  }, [entry, hiddenLayers]);
  if (!entry) return null;

  // A lesson's comparison is its evidence: it trains as soon as it opens.
  const open = (spec: CompareSpec): void => {
    showComparison(spec);
    lessonState.setState({ compareOpen: true });
  };

  return (
    <section className="panel lab-lesson" aria-label="Lesson" data-testid="lesson-panel">
      <div className="lab-row lab-spread">
        <h2>Lesson</h2>
        <span>
          <button className="icon" title={collapsed ? 'Show' : 'Hide'} aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>{collapsed ? '▸' : '▾'}</button>
          <button className="icon" title="Close the lesson" data-testid="lesson-close" onClick={closeLesson}>×</button>
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
      <div className="lab-suggestions">
        {suggestions.specs.map((spec, i) => (
          <button key={i} className="primary-outline" data-testid={`lesson-compare-${i}`} onClick={() => open(spec)}>
            Compare {describe(spec)}
          </button>
        ))}
      </div>
      {suggestions.problem && <div className="field-error" role="alert">{suggestions.problem}</div>}
    </section>
  );
}
