import { plainKernels } from '../plain';
import type { Kernels } from '../types';
import type { SpawnHelper } from './threads';
import { createWasmKernels } from './wasm-kernels';

export { createWasmKernels, type ArenaKernels, type WasmKernelOptions } from './wasm-kernels';
export { simdSupported } from './webassembly';
export type { SpawnHelper } from './threads';

/**
 * The WebAssembly SIMD kernels where the engine has SIMD, else the plain-TS
 * ones: what every core host (worker, utility process, CLI) passes to
 * setDefaultKernels at start. Without fused multiply-adds: relaxed SIMD may
 * or may not fuse depending on the engine and the processor, and the same
 * experiment file must give the same run, bit for bit, in the app and the CLI
 * on every machine. `threads`: a host's way to start the helper thread
 * that takes half of each large product (same bits, see threads.ts).
 */
export function fastestKernels(options: { threads?: SpawnHelper } = {}): Kernels {
  return createWasmKernels({ fusedMultiplyAdd: false, threads: options.threads }) ?? plainKernels;
}
