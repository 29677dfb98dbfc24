import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{core,protocol,main,renderer,cli,presets,server}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    // The kernels' arena test collects garbage on purpose (test/core/kernels-wasm.test.ts).
    execArgv: ['--expose-gc'],
  },
});
