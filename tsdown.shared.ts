import { defineConfig } from 'tsdown';

/** Every package builds the same way: one ESM entry plus its `.d.ts`, no runtime-specific code paths. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  sourcemap: false,
});
