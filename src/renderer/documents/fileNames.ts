/** File names the app suggests: from the experiment's name, safe on every file system. */
export const EXPERIMENT_EXTENSION = 'relu.json';
export const WEIGHTS_EXTENSION = 'weights.json';

export function slug(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s || 'experiment';
}

export function experimentFileName(name: string): string {
  return `${slug(name)}.${EXPERIMENT_EXTENSION}`;
}

export function weightsFileName(name: string, step: number): string {
  return `${slug(name)}_step-${step}.${WEIGHTS_EXTENSION}`;
}

/** The document name a file's name gives: "spiral.relu.json" → "spiral". */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.relu\.json$/i, '').replace(/\.json$/i, '');
}
