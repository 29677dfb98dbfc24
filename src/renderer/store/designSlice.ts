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

export interface DesignSliceState {
  design: UndoStack<Experiment>;
  /** The design as last saved or opened (null: never, e.g. recovered work): the document is dirty when it differs. */
  saved: Experiment | null;
  filePath: string | null;
  fileName: string | null;
  /** Texts of CSV files the design names, by `data.path` (sent with `load`: no core reads files). */
  files: Record<string, string>;
  /** The last edit's merge key and time: edits with one key in quick succession undo as one. */
  lastEdit: { key: string | undefined; at: number };
}

const MERGE_WINDOW_MS = 1200;
const NO_EDIT = { key: undefined, at: 0 };

/** Runs on every store change (30 frames a second): the designs share what was not edited, so this compares little. */
export function isDirty(s: DesignSliceState): boolean {
  return s.saved === null || !equalValues(s.design.present, s.saved);
}

/** The document's title as the header and the window show it. */
export function documentTitle(s: DesignSliceState): string {
  return s.fileName ?? s.design.present.name;
}

export function initialDesign(initial: Experiment): DesignSliceState {
  return { design: startStack(initial), saved: initial, filePath: null, fileName: null, files: {}, lastEdit: NO_EDIT };
}

type CoreLink = Pick<ReturnType<typeof coreActions>, 'reload' | 'syncDesign'>;
type NoticeActions = ReturnType<typeof noticeActions>;

export function designActions(store: Store, core: CoreLink, notices: NoticeActions) {
  const { getState: get, setState: set } = store;
  const experiment = (): Experiment => get().design.present;

  /** Starts a new document (new, opened or recovered) and loads it as a new run. */
  function start(e: Experiment, fileName: string | null, filePath: string | null): void {
    set({ design: startStack(e), saved: e, fileName, filePath, lastEdit: NO_EDIT });
    core.reload(undefined, true);
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
      }));
      core.syncDesign(prev);
      return null;
    },

    /** `mergeKey`: consecutive edits with the same key within a second or so undo as one. */
    edit(change: (e: Experiment) => Experiment, mergeKey?: string): string | null {
      return actions.applyDesign(change(experiment()), mergeKey);
    },

    undo(): void {
      const prev = experiment();
      set((s) => ({ design: undoState(s.design), lastEdit: NO_EDIT }));
      core.syncDesign(prev);
    },

    redo(): void {
      const prev = experiment();
      set((s) => ({ design: redoState(s.design) }));
      core.syncDesign(prev);
    },

    newDocument(e: Experiment = defaultExperiment()): void {
      start(e, null, null);
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
