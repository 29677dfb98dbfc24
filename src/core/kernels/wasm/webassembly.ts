/**
 * The slice of the WebAssembly JS API the kernels use. The core compiles
 * without DOM or Node types (tsconfig.core.json), where the `WebAssembly`
 * global has no declaration, so it is reached through globalThis with these
 * types; every host the core runs in (Node, Electron, browsers) provides it.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

export const WASM_PAGE_BYTES = 65536;

export function webAssembly(): WasmApi | null {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;
}

/** `(module (func (result v128) (f32x4.splat (f32.const 0))))`: valid exactly where fixed-width SIMD is. */
const SIMD_PROBE = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13, 0x0b,
);

export function simdSupported(api: WasmApi | null = webAssembly()): boolean {
  try {
    return api !== null && api.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}
