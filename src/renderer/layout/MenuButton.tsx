/**
 * A header button with a drop-down menu: opens on click, closes on a
 * choice, a click elsewhere or Escape (focus back on the button), and the
 * arrow keys move through its items.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLayer } from './layers';

export interface MenuButtonProps {
  label: string;
  testId?: string;
  title?: string;
  /** Called as the menu opens (a menu that lists what it fetches then). */
  onOpen?: () => void;
  children: ReactNode;
}

export function MenuButton({ label, testId, title, onOpen, children }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const id = useId();
  useLayer(open, () => setOpen(false), popup, { menu: true });
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button
        data-testid={testId}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen((o) => !o);
        }}
      >
        {label} ▾
      </button>
      {open && (
        <div
          id={id}
          ref={popup}
          className="menu-popup"
          role="menu"
          aria-label={label}
          onClick={(e) => { if ((e.target as HTMLElement).closest('button')) setOpen(false); }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
