import { plainKernels } from './plain';
import type { Kernels } from './types';

export type { Kernels } from './types';
export { plainKernels } from './plain';
export { referenceKernels } from './reference';

/**
 * The kernels a Network uses when none are passed. A faster implementation
 * (WebAssembly SIMD) replaces this once it has loaded; networks built before
 * keep the kernels they were built with.
 */
export let defaultKernels: Kernels = plainKernels;

export function getKernels(): Kernels {
  return defaultKernels;
}

export function setDefaultKernels(kernels: Kernels): void {
  defaultKernels = kernels;
}
