import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{core,protocol,main,renderer,cli,presets}/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
  },
});
