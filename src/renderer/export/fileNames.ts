/** File names that say what a file is: `spiral-relu_sparsity_step-1200.svg`. */

/** Lower-case ASCII words joined by dashes; "run" when nothing is left. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'run';
}

export function exportFileName(experimentName: string, what: string, step: number | null, extension: string): string {
  const at = step === null ? '' : `_step-${Math.round(step)}`;
  return `${slug(experimentName)}_${what}${at}.${extension}`;
}
