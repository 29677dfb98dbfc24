/**
 * A number entry that refuses invalid values at the field: the message shows
 * under it and the design keeps its previous valid value. Valid values are
 * committed after a short pause in typing, on Enter and on blur.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** An empty field means null (e.g. "scheme default" for a bias). */
  allowEmpty?: boolean;
}

export function checkNumber(text: string, rule: NumberRule): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === '') return rule.allowEmpty ? { value: null } : { error: 'expected a number' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { error: `expected a number, got "${t}"` };
  if (rule.integer && !Number.isInteger(value)) return { error: 'expected a whole number' };
  if (rule.min !== undefined && value < rule.min) return { error: `expected at least ${rule.min}` };
  if (rule.max !== undefined && value > rule.max) return { error: `expected at most ${rule.max}` };
  return { value };
}

const COMMIT_DELAY_MS = 450;

interface Props extends NumberRule {
  label: string;
  value: number | null;
  /** Returns a refusal message, or null when the design took the value. */
  onCommit: (value: number | null) => string | null;
  testId?: string;
  step?: number | 'any';
  placeholder?: string;
  title?: string;
  compact?: boolean;
}

export function NumberField(props: Props) {
  const { label, value, onCommit, testId, step = 'any', placeholder, title, compact } = props;
  const id = useId();
  const shown = value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const editing = useRef(false);

  // Undo, redo and other edits change the value from outside: show it unless the user is typing.
  useEffect(() => {
    if (!editing.current) {
      setText(shown);
      setError(null);
    }
  }, [shown]);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const commit = (raw: string, final: boolean): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const checked = checkNumber(raw, props);
    if ('error' in checked) {
      setError(checked.error);
      return;
    }
    if (checked.value === value) {
      setError(null);
      if (final) editing.current = false;
      return;
    }
    const refusal = onCommit(checked.value);
    setError(refusal);
    if (final) editing.current = false;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commit(text, true);
    if (e.key === 'Escape' && text !== shown) {
      // Puts the text back; a dialog around the field stays open (layers.ts leaves handled keys alone).
      e.preventDefault();
      editing.current = false;
      setText(shown);
      setError(null);
    }
    // While the text differs from the design, Ctrl+Z belongs to the text box, not to the design history.
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && text !== shown) e.stopPropagation();
  };

  return (
    <div className={`field${compact ? ' compact' : ''}${error ? ' invalid' : ''}`} title={title}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        data-testid={testId}
        value={text}
        step={step}
        min={props.min}
        max={props.max}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          editing.current = true;
          const raw = e.target.value;
          setText(raw);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(raw, false), COMMIT_DELAY_MS);
        }}
        onBlur={() => commit(text, true)}
        onKeyDown={onKeyDown}
      />
      {error && <div className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>{error}</div>}
    </div>
  );
}
