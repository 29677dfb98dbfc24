export const WAT_PATH: string;
export const OUTPUT_PATH: string;
/** The TypeScript module text (base64 of the assembled kernels) for the current kernels.wat. */
export function assembleKernels(): Promise<string>;
