export { createWasmKernels, type ArenaKernels, type WasmKernelOptions } from './wasm-kernels';
export { simdSupported } from './webassembly';
