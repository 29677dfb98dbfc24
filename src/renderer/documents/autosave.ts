/**
 * Crash recovery for the design: every few seconds the current design goes
 * to localStorage; a clean close with nothing unsaved removes it, so finding
 * one at start means the last session ended with unsaved work.
 */
import { serializeExperiment } from '../../core/experiment/parse';
import type { AppStore } from '../store/appStore';
import { isDirty } from '../store/appStore';

export const AUTOSAVE_KEY = 'relu-lab:autosave';
const INTERVAL_MS = 3000;

export interface Autosaved {
  savedAt: string;
  fileName: string | null;
  text: string;
}

export function readAutosave(storage: Storage): Autosaved | null {
  try {
    const raw = storage.getItem(AUTOSAVE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Autosaved>;
    if (typeof v.text !== 'string' || typeof v.savedAt !== 'string') return null;
    return { savedAt: v.savedAt, fileName: typeof v.fileName === 'string' ? v.fileName : null, text: v.text };
  } catch {
    return null;
  }
}

/** Starts autosaving; returns a stop function. */
export function startAutosave(app: AppStore, storage: Storage): () => void {
  let last = '';
  const tick = (): void => {
    const s = app.store.getState();
    if (!isDirty(s)) return;
    const text = serializeExperiment(s.design.present);
    if (text === last) return;
    last = text;
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify({ savedAt: new Date().toISOString(), fileName: s.fileName, text }));
    } catch {
      // Storage full or disabled: autosave is a convenience, the document itself is unaffected.
    }
  };
  const timer = setInterval(tick, INTERVAL_MS);
  const onHide = (): void => {
    if (!isDirty(app.store.getState())) storage.removeItem(AUTOSAVE_KEY);
    else tick();
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    clearInterval(timer);
    window.removeEventListener('pagehide', onHide);
  };
}

/** Offers the autosaved design when there is one that differs from what is open. */
export function offerRestore(app: AppStore, storage: Storage): void {
  const saved = readAutosave(storage);
  if (!saved || saved.text === serializeExperiment(app.store.getState().design.present)) return;
  const when = new Date(saved.savedAt).toLocaleString();
  app.actions.notify({
    level: 'info',
    code: 'autosave',
    title: 'Unsaved work found',
    message: `An autosaved design from ${when}${saved.fileName ? ` (${saved.fileName})` : ''} was not saved before the app closed.`,
    actions: [{ id: 'restore', label: 'Restore' }, { id: 'discard', label: 'Discard' }],
    respond: (choice) => {
      if (choice === 'restore') app.actions.restoreDocument(saved.text, saved.fileName ?? 'Recovered experiment');
      storage.removeItem(AUTOSAVE_KEY);
    },
  });
}

