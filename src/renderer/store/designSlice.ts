/**
 * Editing the design: the experiment as a document (undo stack, file name,
 * saved state, the CSV texts it names). A change is accepted only when the
 * core's own parser and the data-fit check accept it (`checkDesign`); the
 * core link is then told (`syncDesign`), so the core follows the design,
 * never the other way round.
 */
import { equalValues, shareUnchanged } from '../../core/experiment/equal';
import { defaultExperiment, parseExperimentText } from '../../core/experiment/parse';
import { ValidationError } from '../../core/experiment/errors';
import type { Experiment } from '../../core/experiment/types';
import type { Store } from './appStore';
import { checkDesign } from './checkDesign';
import type { coreActions } from './coreSlice';
import type { noticeActions } from './noticeSlice';
import { pushState, redoState, startStack, undoState, type UndoStack } from './undoStack';

/** A whole document as it stood: what Undo brings back after another document replaced it. */
export interface DocumentSnapshot {
  id: number;
  design: UndoStack<Experiment>;
  saved: Experiment | null;
  filePath: string | null;
  fileName: string | null;
}

export interface DesignSliceState {
  /** Which document is open: a new, opened or replaced-and-brought-back document changes it. */
  documentId: number;
  design: UndoStack<Experiment>;
  /** The design as last saved or opened (null: never, e.g. recovered work): the document is dirty when it differs. */
  saved: Experiment | null;
  filePath: string | null;
  fileName: string | null;
  /** Texts of CSV files the design names, by `data.path` (sent with `load`: no core reads files). */
  files: Record<string, string>;
  /** The last edit's merge key and time: edits with one key in quick succession undo as one. */
  lastEdit: { key: string | undefined; at: number };
  /**
   * Documents that a lesson (or a link) replaced without asking, newest
   * last: Undo at the bottom of this document's own history brings the
   * previous one back, whole (its history, file and saved state), and Redo
   * goes forward again through `documentsAfter`.
   */
  documentsBefore: DocumentSnapshot[];
  documentsAfter: DocumentSnapshot[];
}

const MERGE_WINDOW_MS = 1200;
const NO_EDIT = { key: undefined, at: 0 };
/** Replaced documents kept for Undo; older ones go. */
export const REPLACED_DOCUMENTS_LIMIT = 20;

/** Runs on every store change (30 frames a second): the designs share what was not edited, so this compares little. */
export function isDirty(s: Pick<DesignSliceState, 'saved' | 'design'>): boolean {
  return s.saved === null || !equalValues(s.design.present, s.saved);
}

/** The document's title as the header and the window show it. */
export function documentTitle(s: Pick<DesignSliceState, 'fileName' | 'design'>): string {
  return s.fileName ?? s.design.present.name;
}

export function canUndo(s: DesignSliceState): boolean {
  return s.design.past.length > 0 || s.documentsBefore.length > 0;
}

export function canRedo(s: DesignSliceState): boolean {
  return s.design.future.length > 0 || s.documentsAfter.length > 0;
}

/** What Undo would do, for its tooltip: undo an edit, or bring back the document a lesson or link replaced. */
export function undoLabel(s: DesignSliceState): string {
  const back = s.design.past.length === 0 ? s.documentsBefore.at(-1) : undefined;
  return back ? `Undo: back to “${documentTitle(back)}” (Ctrl+Z)` : 'Undo (Ctrl+Z)';
}

/**
 * Unsaved work anywhere: in the open document, or in one a lesson replaced
 * (Undo can still bring it back, but a closed window cannot). What the
 * close prompt and the autosave look at.
 */
export function unsavedDesign(s: DesignSliceState): { experiment: Experiment; fileName: string | null } | null {
  if (isDirty(s)) return { experiment: s.design.present, fileName: s.fileName };
  const replaced = [...s.documentsBefore, ...s.documentsAfter].reverse().find((d) => isDirty(d));
  return replaced ? { experiment: replaced.design.present, fileName: replaced.fileName } : null;
}

export function initialDesign(initial: Experiment): DesignSliceState {
  return {
    documentId: 1, design: startStack(initial), saved: initial, filePath: null, fileName: null, files: {}, lastEdit: NO_EDIT,
    documentsBefore: [], documentsAfter: [],
  };
}

function snapshotOf(s: DesignSliceState): DocumentSnapshot {
  return { id: s.documentId, design: s.design, saved: s.saved, filePath: s.filePath, fileName: s.fileName };
}

type CoreLink = Pick<ReturnType<typeof coreActions>, 'reload' | 'syncDesign'>;
type NoticeActions = ReturnType<typeof noticeActions>;

export function designActions(store: Store, core: CoreLink, notices: NoticeActions) {
  const { getState: get, setState: set } = store;
  const experiment = (): Experiment => get().design.present;

  /** Starts a new document (new, opened or recovered) and loads it as a new run; `keep`: the replaced one stays for Undo. */
  function start(e: Experiment, fileName: string | null, filePath: string | null, keep = false): void {
    set((s) => ({
      documentId: nextDocumentId(s), design: startStack(e), saved: e, fileName, filePath, lastEdit: NO_EDIT,
      documentsBefore: keep ? [...s.documentsBefore, snapshotOf(s)].slice(-REPLACED_DOCUMENTS_LIMIT) : [],
      documentsAfter: [],
    }));
    core.reload();
  }

  /** Shows a replaced document again (Undo or Redo across documents), filing the open one on the other side. */
  function swapTo(target: DocumentSnapshot, direction: 'back' | 'forward'): void {
    set((s) => {
      const current = snapshotOf(s);
      return {
        documentId: target.id, design: target.design, saved: target.saved, filePath: target.filePath, fileName: target.fileName, lastEdit: NO_EDIT,
        documentsBefore: direction === 'back' ? s.documentsBefore.slice(0, -1) : [...s.documentsBefore, current],
        documentsAfter: direction === 'back' ? [current, ...s.documentsAfter] : s.documentsAfter.slice(1),
      };
    });
    core.reload();
  }

  const actions = {
    /**
     * Accepts a new design if the core's parser and the data-fit check accept
     * it; returns the refusal message otherwise (the previous design stays).
     */
    applyDesign(next: Experiment, mergeKey?: string): string | null {
      const prev = experiment();
      const check = checkDesign(next, prev);
      if (!check.ok) return check.message;
      const accepted = shareUnchanged(prev, check.experiment);
      if (accepted === prev) return null;
      const now = Date.now();
      const last = get().lastEdit;
      // A slider drag is one change for undo, not fifty.
      const merge = mergeKey !== undefined && last.key === mergeKey && now - last.at < MERGE_WINDOW_MS && get().design.past.length > 0;
      set((s) => ({
        design: merge ? { ...s.design, present: accepted, future: [] } : pushState(s.design, accepted),
        lastEdit: { key: mergeKey, at: now },
        // A new edit is a new branch: the documents Redo would have brought back are gone from it.
        documentsAfter: [],
      }));
      core.syncDesign(prev);
      return null;
    },

    /** `mergeKey`: consecutive edits with the same key within a second or so undo as one. */
    edit(change: (e: Experiment) => Experiment, mergeKey?: string): string | null {
      return actions.applyDesign(change(experiment()), mergeKey);
    },

    undo(): void {
      const s = get();
      if (s.design.past.length === 0) {
        const back = s.documentsBefore.at(-1);
        if (back) swapTo(back, 'back');
        return;
      }
      const prev = experiment();
      set((st) => ({ design: undoState(st.design), lastEdit: NO_EDIT }));
      core.syncDesign(prev);
    },

    redo(): void {
      const s = get();
      if (s.design.future.length === 0) {
        const forward = s.documentsAfter[0];
        if (forward) swapTo(forward, 'forward');
        return;
      }
      const prev = experiment();
      set((st) => ({ design: redoState(st.design) }));
      core.syncDesign(prev);
    },

    newDocument(e: Experiment = defaultExperiment()): void {
      start(e, null, null);
    },

    /**
     * Opens `e` as a new, unsaved document in place of the open one without
     * asking (a lesson, a shared link): Undo brings the open one back.
     */
    replaceDocument(e: Experiment): void {
      start(e, null, null, true);
    },

    /** Opens `.relu.json` text; returns the refusal message (naming the field) or null. */
    openDocument(text: string, name: string, path?: string): string | null {
      let e: Experiment;
      try {
        e = parseExperimentText(text, name);
      } catch (err) {
        return err instanceof ValidationError ? err.message : String(err);
      }
      start(e, name, path ?? null);
      if (e.data.kind === 'csv' && get().files[e.data.path] === undefined) {
        notices.notify({ level: 'warning', code: 'file', title: 'Open the CSV file', message: `This experiment reads its data from "${e.data.path}". Open that CSV in the Data panel to train.` });
      }
      return null;
    },

    /** Opens a design recovered from an autosave: unsaved work, so the document starts dirty and without a file. */
    restoreDocument(text: string, name: string): string | null {
      const refusal = actions.openDocument(text, name);
      if (!refusal) set({ saved: null, filePath: null });
      return refusal;
    },

    markSaved(name: string, path?: string | null): void {
      set({ saved: experiment(), fileName: name, filePath: path ?? get().filePath });
    },

    /** Keeps a CSV's text for the core (it has no file system in the web build). */
    addFile(path: string, text: string): void {
      set((s) => ({ files: { ...s.files, [path]: text } }));
    },
  };
  return actions;
}

function nextDocumentId(s: DesignSliceState): number {
  return Math.max(s.documentId, ...s.documentsBefore.map((d) => d.id), ...s.documentsAfter.map((d) => d.id)) + 1;
}
