/**
 * The file names the app suggests to the save dialogs, all from the
 * experiment's name by one rule (`slug`): `cafe-relu.relu.json`,
 * `cafe-relu_sparsity_step-1200.svg`, `cafe-relu_step-300.weights.json`.
 */
export const EXPERIMENT_EXTENSION = 'relu.json';
export const WEIGHTS_EXTENSION = 'weights.json';

/**
 * Lower-case ASCII words joined by dashes, safe on every file system: accents
 * dropped ("Café" → "cafe"), at most 60 characters; `fallback` when nothing
 * is left.
 */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

export function experimentFileName(name: string): string {
  return `${slug(name, 'experiment')}.${EXPERIMENT_EXTENSION}`;
}

export function weightsFileName(name: string, step: number): string {
  return `${slug(name, 'experiment')}_step-${step}.${WEIGHTS_EXTENSION}`;
}

/** An export's name says what it holds: experiment, what (a chart, "run", "report"…), and the step shown, if any. */
export function exportFileName(experimentName: string, what: string, step: number | null, extension: string): string {
  const at = step === null ? '' : `_step-${Math.round(step)}`;
  return `${slug(experimentName, 'run')}_${what}${at}.${extension}`;
}

/** The document name a file's name gives: "spiral.relu.json" → "spiral". */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.relu\.json$/i, '').replace(/\.json$/i, '');
}
