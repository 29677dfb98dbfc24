/**
 * Keyboard shortcuts and Electron menu commands, both mapped onto the same
 * actions. Space toggles training unless a text field has the focus.
 */
import type { MenuCommand } from '../../preload/api';
import { runExportCommand } from '../export/menuExports';
import { platform } from '../platform/current';
import { actions, app } from '../store';
import { exportWeights, importWeights, newDocument, openDocument, openRecent, saveDocument } from './documentActions';
import { openRunDialog } from '../viewer/openRun';
import { runSubject } from '../viewer/subject';
import { showLab, viewerStore } from '../viewer/viewerStore';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function onKeyDown(e: KeyboardEvent): void {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && e.shiftKey && key === 'o') {
    e.preventDefault();
    void openRunDialog();
    return;
  }
  // The lab's shortcuts act on the design and its run: not while a recorded run is shown.
  if (viewerStore.getState().mode !== 'lab') return;
  if (mod && key === 'z') {
    if ((e.target as HTMLElement | null)?.tagName === 'TEXTAREA') return;
    e.preventDefault();
    if (e.shiftKey) actions.redo();
    else actions.undo();
  } else if (mod && key === 'y') {
    e.preventDefault();
    actions.redo();
  } else if (mod && key === 's') {
    e.preventDefault();
    void saveDocument(e.shiftKey);
  } else if (mod && key === 'o') {
    e.preventDefault();
    void openDocument();
  } else if (e.key === ' ' && !mod && !typingIn(e.target)) {
    // A focused button would also "click" on Space: handle it once, here.
    e.preventDefault();
    actions.toggleTrain();
  }
}

/** Menu items that other parts of the renderer (theme, lessons) handle. */
export type MenuFallback = (command: MenuCommand) => void;

/** Commands that act on the lab (its design and run) do nothing while a recorded run is shown; exports export what is shown. */
function runViewerMenuCommand(command: MenuCommand, fallback: MenuFallback): void {
  switch (command) {
    case 'open': return void openDocument();
    case 'open-run': return void openRunDialog();
    case 'export-png':
    case 'export-svg':
    case 'export-csv':
    case 'export-run-json':
    case 'export-report': {
      const v = viewerStore.getState();
      if (!v.run) return;
      return void runExportCommand(command, app, platform, { history: v.history, subject: runSubject(v.run) });
    }
    case 'theme-dark':
    case 'theme-light':
      return fallback(command);
    case 'lessons':
      showLab();
      return fallback(command);
    default:
      return;
  }
}

export function runMenuCommand(command: MenuCommand, fallback: MenuFallback): void {
  if (viewerStore.getState().mode !== 'lab') return runViewerMenuCommand(command, fallback);
  if (typeof command === 'object') {
    if (command.kind === 'open-recent') void openRecent(command.path);
    else fallback(command);
    return;
  }
  switch (command) {
    case 'new': return newDocument();
    case 'open': return void openDocument();
    case 'open-run': return void openRunDialog();
    case 'save': return void saveDocument(false);
    case 'save-as': return void saveDocument(true);
    case 'export-png':
    case 'export-svg':
    case 'export-csv':
    case 'export-run-json':
    case 'export-report':
      return void runExportCommand(command, app, platform);
    case 'export-weights': return void exportWeights();
    case 'import-weights': return void importWeights();
    case 'train-toggle': return actions.toggleTrain();
    case 'step': return actions.step(1);
    case 'reset': return actions.reset();
    case 'undo': return actions.undo();
    case 'redo': return actions.redo();
    default: return fallback(command);
  }
}
