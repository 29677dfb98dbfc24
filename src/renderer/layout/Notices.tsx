/** Errors and messages from the core and the documents, newest last, each dismissible. */
import { actions, useApp } from '../store';

export function Notices() {
  const notices = useApp((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.code ?? n.level}`}>
          <div className="notice-text">
            <strong>{n.title}</strong>
            <span>{n.message}</span>
          </div>
          {n.actions?.map((a) => (
            <button key={a.id} onClick={() => actions.answer(n.id, a.id)}>{a.label}</button>
          ))}
          <button className="icon" title="Dismiss" onClick={() => actions.dismiss(n.id)}>✕</button>
        </div>
      ))}
    </div>
  );
}
