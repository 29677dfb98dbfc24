/**
 * The preset catalog (`presets/index.json`): what the gallery and the
 * explanation panel show. Parsed strictly so a typo in the shipped index
 * fails the preset tests instead of showing an empty card.
 */
import { array, at, fail, join, object, required, string } from '../../core/experiment/fields';
import { parseCompareSpec, type CompareSpec } from '../../core/compare/spec';

export const PRESETS_FORMAT = 'relu-lab/presets@1';

export interface PresetEntry {
  id: string;
  title: string;
  /** A few words for the start screen's cards, distinct from every other lesson's (the title is the card's tooltip). */
  short: string;
  /** File name inside presets/. */
  file: string;
  summary: string;
  /** What to look at, what should happen, why (the explanation panel). */
  lookAt: string;
  expect: string;
  why: string;
  /** Comparisons worth running from this preset (each prefills the comparison view); still raw: their layer bounds depend on the network. */
  compare: unknown[];
}

const KIND = 'experiment';

export function parseCatalog(raw: unknown): PresetEntry[] {
  const root = object(raw, 'presets', ['format', 'presets'], KIND);
  if (root.format !== PRESETS_FORMAT) fail('presets.format', `expected "${PRESETS_FORMAT}"`, KIND);
  const list = array(required(root, 'presets', 'presets', 'an array of presets', KIND), 'presets.presets', 'an array of presets', KIND);
  const ids = new Set<string>();
  return list.map((item, i) => {
    const path = at('presets.presets', i);
    const obj = object(item, path, ['id', 'title', 'short', 'file', 'summary', 'lookAt', 'expect', 'why', 'compare'], KIND);
    const text = (key: string): string => string(required(obj, path, key, 'a string', KIND), join(path, key), KIND, true);
    const id = text('id');
    if (ids.has(id)) fail(join(path, 'id'), `duplicate id "${id}"`, KIND);
    ids.add(id);
    const file = text('file');
    if (file !== `${id}.relu.json`) fail(join(path, 'file'), `expected "${id}.relu.json" (the id's file)`, KIND);
    return {
      id,
      title: text('title'),
      short: text('short'),
      file,
      summary: text('summary'),
      lookAt: text('lookAt'),
      expect: text('expect'),
      why: text('why'),
      compare: obj.compare === undefined ? [] : array(obj.compare, join(path, 'compare'), 'an array of comparison specs', KIND),
    };
  });
}

/** The entry's suggested comparisons, validated against the preset's network. */
export function suggestedComparisons(entry: PresetEntry, hiddenLayers: number): CompareSpec[] {
  return entry.compare.map((c) => parseCompareSpec(c, hiddenLayers));
}
