import { plainKernels } from '../plain';
import type { Kernels } from '../types';
import { createWasmKernels } from './wasm-kernels';

export { createWasmKernels, type ArenaKernels, type WasmKernelOptions } from './wasm-kernels';
export { simdSupported } from './webassembly';

/** The WebAssembly SIMD kernels where the engine has SIMD, else the plain-TS ones: what a core process should pass to setDefaultKernels at start. */
export function fastestKernels(): Kernels {
  return createWasmKernels() ?? plainKernels;
}
