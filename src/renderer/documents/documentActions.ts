/**
 * New, Open, Save, Save As and the weights files, on top of the Platform
 * (downloads and file inputs on the web, native dialogs in Electron).
 */
import { parseExperimentText, serializeExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import type { DataFileResult, DesktopApi } from '../../preload/api';
import { parseWeightsText, serializeWeights, weightsFinite } from '../../core/weights/format';
import { ValidationError } from '../../core/experiment/errors';
import { platform } from '../platform/current';
import { app, isDirty, unsavedDesign } from '../store';
import type { Checkpoint } from '../store/appStore';
import { EXPERIMENT_EXTENSION, WEIGHTS_EXTENSION, baseName, experimentFileName, trainedExperimentFileName, weightsFileName } from '../platform/fileNames';

const { actions, store } = app;

/** Asks before New or Open replaces unsaved work: the open document's, or one a lesson replaced that Undo could still bring back. */
export function confirmDiscard(): boolean {
  const s = store.getState();
  const unsaved = unsavedDesign(s);
  if (!unsaved) return true;
  return window.confirm(isDirty(s)
    ? 'Discard the unsaved changes to this experiment?'
    : `Discard the unsaved changes to “${unsaved.fileName ?? unsaved.experiment.name}”? (Undo can still bring it back until you do.)`);
}

function fileError(title: string, message: string): void {
  actions.notify({ level: 'error', code: 'file', title, message });
}

export function newDocument(): void {
  if (confirmDiscard()) actions.newDocument();
}

export async function openText(text: string, name: string, path?: string): Promise<void> {
  const data = window.reluLab ? await dataFileFor(window.reluLab, text, path ?? null) : null;
  const refusal = actions.openDocument(text, name, path);
  if (refusal) fileError(`Cannot open ${name}`, refusal);
  // The user found the file elsewhere: the experiment now points there (an unsaved, undoable change).
  else if (data?.located) actions.edit((e) => (e.data.kind === 'csv' ? { ...e, data: { ...e.data, path: data.located! } } : e));
}

/**
 * Electron: the text of the CSV an experiment names, from main (which reads
 * it only next to the experiment or where the user picked it, and asks the
 * user otherwise), kept for the core's `load`. The core reads no files.
 */
async function dataFileFor(api: DesktopApi, text: string, path: string | null): Promise<DataFileResult | null> {
  let data: Experiment['data'];
  try {
    data = parseExperimentText(text).data;
  } catch {
    return null; // openDocument says what is wrong with the file
  }
  // Asked even when a text is held under this data.path: another experiment's "data/x.csv" is another file.
  if (data.kind !== 'csv') return null;
  try {
    const found = await api.readDataFile({ experiment: path, file: data.path });
    if (found) {
      actions.addFile(data.path, found.text);
      if (found.located) actions.addFile(found.located, found.text);
    }
    return found;
  } catch (e) {
    fileError(`Cannot read ${data.path}`, e instanceof Error ? e.message : String(e));
    return null;
  }
}

export async function openDocument(): Promise<void> {
  if (!confirmDiscard()) return;
  const file = await platform.openText({ title: 'Open an experiment', extensions: ['json'] });
  if (file) await openText(file.text, file.name, file.path);
}

export async function openRecent(path: string): Promise<void> {
  const api = window.reluLab;
  if (!api || !confirmDiscard()) return;
  try {
    const file = await api.openRecent(path);
    if (file) await openText(file.text, file.name, file.path);
  } catch (e) {
    // Main drops a recent entry whose file is gone and says why; the open document stays as it was.
    fileError(`Cannot open ${path.split(/[\\/]/).pop() ?? path}`, e instanceof Error ? e.message : String(e));
  }
}

function documentText(): string {
  return serializeExperiment(store.getState().design.present);
}

export async function saveDocument(saveAs = false): Promise<void> {
  const s = store.getState();
  const name = s.fileName ?? experimentFileName(s.design.present.name);
  const api = window.reluLab;
  if (api) {
    const saved = await api.saveFile({
      path: saveAs ? undefined : s.filePath ?? undefined,
      suggestedName: name,
      filters: [{ name: 'ReLU Lab experiment', extensions: [EXPERIMENT_EXTENSION] }],
      data: documentText(),
    });
    if (saved && 'error' in saved) saveFailed(name, saved.error);
    else if (saved) actions.markSaved(saved.path.split(/[\\/]/).pop() ?? name, saved.path);
    return;
  }
  const ok = await platform.saveBytes({ suggestedName: name, mime: 'application/json', extensions: [EXPERIMENT_EXTENSION], data: documentText() });
  if (ok) actions.markSaved(name);
}

/** The run's current weights from the core, or null (and a notice saying why) when it cannot give them. */
async function currentWeights(): Promise<Checkpoint | null> {
  let current: Checkpoint;
  try {
    current = await actions.requestWeights();
  } catch (e) {
    fileError('No weights to save', `${e instanceof Error ? e.message : String(e)}.`);
    return null;
  }
  if (weightsFinite(current.weights)) return current;
  // A diverged run: its weights cannot be written as numbers; the last checkpoint the core sent may still be finite.
  const kept = store.getState().checkpoint;
  const why = `The weights at step ${current.step} are not all finite numbers (the run diverged)`;
  if (kept && kept.step <= current.step && weightsFinite(kept.weights)) {
    actions.notify({ level: 'warning', code: 'file', title: `Saving the weights of step ${kept.step}`, message: `${why}: these are the last finite weights the app kept, those of step ${kept.step}.` });
    return kept;
  }
  fileError('No weights to save', `${why}, and the app kept no finite copy of them. Reset, lower the learning rate and train again.`);
  return null;
}

/** Main could not write the document (read-only folder, full disk): it stays unsaved here, and Save As is one click away. */
function saveFailed(name: string, reason: string): void {
  actions.notify({
    level: 'error', code: 'file', title: `${name} was not saved`, message: `${reason} Your changes are still here, unsaved.`,
    actions: [{ id: 'save-as', label: 'Save As…' }],
    respond: () => void saveDocument(true),
  });
}

/** Asks the core for the trained weights and saves them as a weights@1 file. */
export async function exportWeights(): Promise<void> {
  const s = store.getState();
  const current = await currentWeights();
  if (!current) return;
  const { step, weights } = current;
  await platform.saveBytes({
    suggestedName: weightsFileName(baseName(s.fileName ?? s.design.present.name), step),
    mime: 'application/json',
    extensions: [WEIGHTS_EXTENSION],
    data: serializeWeights(weights),
  });
}

/** Loads a weights@1 file as the network's starting weights (an undoable design change). */
export async function importWeights(): Promise<void> {
  const file = await platform.openText({ title: 'Import weights', extensions: ['json'] });
  if (!file) return;
  const network = store.getState().design.present.network;
  try {
    const weights = parseWeightsText(file.text, network);
    const refusal = actions.edit((e) => ({ ...e, weights }));
    if (refusal) fileError(`Cannot use ${file.name}`, refusal);
  } catch (e) {
    fileError(`Cannot use ${file.name}`, e instanceof ValidationError || e instanceof Error ? e.message : String(e));
  }
}

/** Saves a copy of the experiment whose `weights` are the run's current weights: reopening starts from them. */
export async function saveWithWeights(): Promise<void> {
  const s = store.getState();
  const current = await currentWeights();
  if (!current) return;
  const { step, weights } = current;
  const e = { ...s.design.present, weights };
  await platform.saveBytes({
    suggestedName: trainedExperimentFileName(baseName(s.fileName ?? s.design.present.name), step),
    mime: 'application/json',
    extensions: [EXPERIMENT_EXTENSION],
    data: serializeExperiment(e),
  });
}
