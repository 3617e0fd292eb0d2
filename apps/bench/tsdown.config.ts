import { defineConfig } from 'tsdown';

// Plain `node dist/main.js`: the harness and the two floor servers, built like the servers they
// measure (no loader at run time). Dependencies stay imports.
export default defineConfig({
  entry: ['src/main.ts', 'src/scale/main.ts', 'src/floor/memory-main.ts', 'src/floor/postgres-main.ts'],
  format: 'esm',
  platform: 'node',
  dts: false,
  clean: true,
  fixedExtension: false,
  sourcemap: false,
  external: [/^node:/],
});
