/// <reference types="vite/client" />
/**
 * The presets shipped in `presets/`, bundled into the renderer: the catalog
 * and each experiment's text. "New from preset" starts an unsaved document
 * from one of them and shows its lesson.
 */
import indexJson from '../../../presets/index.json';
import { parseExperimentText } from '../../core/experiment/parse';
import { actions, app } from '../store';
import { parseCatalog, type PresetEntry } from './catalog';
import { lessonState } from './lessonState';

const texts = import.meta.glob<string>('../../../presets/*.relu.json', { eager: true, query: '?raw', import: 'default' });

export const catalog: PresetEntry[] = parseCatalog(indexJson);

export function presetEntry(id: string): PresetEntry | undefined {
  return catalog.find((p) => p.id === id);
}

export function presetText(entry: PresetEntry): string {
  const text = texts[`../../../presets/${entry.file}`];
  if (text === undefined) throw new Error(`preset file ${entry.file} is not bundled`);
  return text;
}

/**
 * Starts a new, unsaved document from preset `id` and opens its lesson
 * panel. It asks nothing: Undo brings back the document it replaced, unsaved
 * work included. Returns false for an unknown id.
 */
export function openPreset(id: string): boolean {
  const entry = presetEntry(id);
  if (!entry) return false;
  const experiment = parseExperimentText(presetText(entry), entry.file);
  actions.replaceDocument(experiment);
  lessonState.setState({ lessonId: entry.id, lessonDocument: app.store.getState().documentId, galleryOpen: false, compareOpen: false });
  return true;
}
