import { plainKernels } from '../plain';
import type { Kernels } from '../types';
import { createWasmKernels } from './wasm-kernels';

export { createWasmKernels, type ArenaKernels, type WasmKernelOptions } from './wasm-kernels';
export { simdSupported } from './webassembly';

/**
 * The WebAssembly SIMD kernels where the engine has SIMD, else the plain-TS
 * ones: what every core host (worker, utility process, CLI) passes to
 * setDefaultKernels at start. Without fused multiply-adds: relaxed SIMD may
 * or may not fuse depending on the engine and the processor, and the same
 * experiment file must give the same run, bit for bit, in the app and the CLI
 * on every machine.
 */
export function fastestKernels(): Kernels {
  return createWasmKernels({ fusedMultiplyAdd: false }) ?? plainKernels;
}
