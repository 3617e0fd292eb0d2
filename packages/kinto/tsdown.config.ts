import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// The main entry (the app, runtime-neutral), `./node` (server, commands) and the `kinto` CLI binary;
// `node:*` built-ins stay imports.
export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/node.ts', 'src/cli.ts'],
  external: [/^node:/],
});
