/**
 * A modal dialog over the window: a title with a Close button, Escape or a
 * click on the backdrop closes it, Tab stays inside, and focus returns to
 * what opened it.
 */
import { useId, useRef, type ReactNode, type RefObject } from 'react';
import { useLayer } from './layers';

export interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Extra class of the dialog box (its width). */
  className?: string;
  testId?: string;
  closeTestId?: string;
  /** What gets the focus on opening (default: the first control). */
  initialFocus?: RefObject<HTMLElement | null>;
}

export function Modal({ title, onClose, children, className, testId, closeTestId, initialFocus }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useLayer(true, onClose, ref, { modal: true, initialFocus });
  return (
    <div className="lab-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`lab-modal${className ? ` ${className}` : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId} tabIndex={-1}>
        <div className="lab-overlay-head">
          <h2 id={titleId}>{title}</h2>
          <button data-testid={closeTestId} title="Close (Esc)" onClick={onClose}>Close</button>
        </div>
        {children}
      </div>
    </div>
  );
}
