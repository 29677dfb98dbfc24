/**
 * Menus, popovers and dialogs, as a desktop app has them: Escape closes the
 * one on top (only it), focus moves into it when it opens and goes back to
 * what opened it when it closes, a modal one keeps Tab inside itself, and
 * the arrow keys move through a menu's items.
 */
import { useEffect, useRef, type RefObject } from 'react';

export interface LayerOptions {
  /** Tab and Shift+Tab cycle inside it; the lab's shortcuts (Space trains) stay off while it is open. */
  modal?: boolean;
  /** A role="menu": arrow keys, Home and End move between its items. */
  menu?: boolean;
  /** Where focus goes on opening: the first focusable element (default), this one, or nowhere (the layer opened under the pointer). */
  initialFocus?: RefObject<HTMLElement | null> | 'first' | 'none';
}

interface Layer {
  element: () => HTMLElement | null;
  close: () => void;
  options: LayerOptions;
}

/** Open layers, the newest (on top) last. */
const stack: Layer[] = [];

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.offsetParent !== null || e === document.activeElement);
}

function onKeyDown(e: KeyboardEvent): void {
  const top = stack[stack.length - 1];
  // A field that handled the key itself (a number field's Escape puts its text back) keeps it.
  if (!top || e.defaultPrevented) return;
  const root = top.element();
  if (e.key === 'Escape') {
    e.preventDefault();
    top.close();
    return;
  }
  if (!root) return;
  if (e.key === 'Tab' && top.options.modal) {
    const items = focusables(root);
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : at === items.length - 1 ? 0 : at + 1;
    e.preventDefault();
    items[next].focus();
    return;
  }
  if (top.options.menu && ['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) {
    const items = [...root.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)')];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1
      : e.key === 'ArrowDown' ? (at + 1) % items.length : (at <= 0 ? items.length - 1 : at - 1);
    e.preventDefault();
    items[next].focus();
  }
}

let listening = false;

/** True while a modal layer is open: keys then belong to it, not to the lab behind it. */
export function modalOpen(): boolean {
  return stack.some((l) => l.options.modal);
}

/**
 * Makes the element in `ref` a layer while `open`: `close` runs on Escape
 * (when it is on top); focus moves in on opening and back to the element
 * that had it on closing.
 */
export function useLayer(open: boolean, close: () => void, ref: RefObject<HTMLElement | null>, options: LayerOptions = {}): void {
  const latest = useRef({ close, options });
  latest.current = { close, options };
  useEffect(() => {
    if (!open) return;
    if (!listening) {
      window.addEventListener('keydown', onKeyDown);
      listening = true;
    }
    const opener = document.activeElement as HTMLElement | null;
    const layer: Layer = { element: () => ref.current, close: () => latest.current.close(), options: latest.current.options };
    stack.push(layer);
    const focus = latest.current.options.initialFocus ?? 'first';
    // After the browser has laid the layer out (a menu is rendered in the same commit).
    const timer = window.setTimeout(() => {
      const root = ref.current;
      if (!root || focus === 'none') return;
      const target = focus === 'first' ? (options.menu ? root.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)') : null) ?? focusables(root)[0] ?? root : focus.current;
      if (target && !root.contains(document.activeElement)) target.focus();
    }, 0);
    return () => {
      window.clearTimeout(timer);
      const at = stack.indexOf(layer);
      if (at >= 0) stack.splice(at, 1);
      // Back to the opener, unless the user has moved on to something else meanwhile.
      const active = document.activeElement;
      const lost = !active || active === document.body || !document.contains(active) || (ref.current?.contains(active) ?? false);
      if (lost && opener && document.contains(opener)) opener.focus();
    };
    // The layer's identity is its opening: options are read when it opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
