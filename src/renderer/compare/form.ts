/**
 * The comparison form as the user fills it, and its translation into a
 * CompareSpec (validated by the same parser the worker uses, so the form's
 * messages and the worker's agree).
 */
import { ValidationError } from '../../core/experiment/errors';
import type { ActivationKind, InitKind } from '../../core/experiment/types';
import { MAX_VALUES, MIN_VALUES, parseCompareSpec, type CompareSpec, type CompareVariable } from '../../core/compare/spec';

export interface CompareForm {
  variable: CompareVariable;
  /** Hidden layer for 'layer-activation'. */
  layer: number;
  activations: ActivationKind[];
  inits: InitKind[];
  /** Learning rates or seeds, comma separated. */
  numbers: string;
  seeds: number;
}

export const VARIABLE_LABELS: Record<CompareVariable, string> = {
  activation: 'Activation (all hidden layers)',
  'layer-activation': 'Activation of one layer',
  init: 'Initialization',
  lr: 'Learning rate',
  seed: 'Seed',
};

/** The spec, or a message saying what to fix. */
export function specFromForm(form: CompareForm, hiddenLayers: number): CompareSpec | string {
  const values = valuesOf(form);
  if (typeof values === 'string') return values;
  const raw = {
    variable: form.variable,
    ...(form.variable === 'layer-activation' ? { layer: form.layer } : {}),
    values,
    seeds: form.variable === 'seed' ? 1 : form.seeds,
  };
  try {
    return parseCompareSpec(raw, hiddenLayers);
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
}

function valuesOf(form: CompareForm): unknown[] | string {
  switch (form.variable) {
    case 'activation':
    case 'layer-activation':
      return form.activations;
    case 'init':
      return form.inits;
    case 'lr':
    case 'seed': {
      const parts = form.numbers.split(/[,;\s]+/).filter((p) => p !== '');
      const bad = parts.find((p) => !Number.isFinite(Number(p)));
      if (bad !== undefined) return `"${bad}" is not a number: write ${MIN_VALUES}–${MAX_VALUES} numbers separated by commas`;
      return parts.map(Number);
    }
  }
}

/** The form for a suggested spec (a preset's), keeping the rest of `base`. */
export function formFromSpec(spec: CompareSpec, base: CompareForm): CompareForm {
  switch (spec.variable) {
    case 'activation':
      return { ...base, variable: spec.variable, activations: spec.values.map((v) => v.kind), seeds: spec.seeds };
    case 'layer-activation':
      return { ...base, variable: spec.variable, layer: spec.layer, activations: spec.values.map((v) => v.kind), seeds: spec.seeds };
    case 'init':
      return { ...base, variable: spec.variable, inits: [...spec.values], seeds: spec.seeds };
    case 'lr':
    case 'seed':
      return { ...base, variable: spec.variable, numbers: spec.values.join(', '), seeds: spec.seeds };
  }
}
