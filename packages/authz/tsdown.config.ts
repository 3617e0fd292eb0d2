import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// The edge-safe main entry and the Node-only `./node` one (bcrypt pool), whose `node:*` built-ins
// stay imports. The pool's worker is plain JavaScript, copied next to `dist/node.js` so that
// `new URL('./bcrypt-worker.js', import.meta.url)` finds it there as it does in the sources.
export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/node.ts'],
  external: [/^node:/],
  copy: [{ from: 'src/node/bcrypt-worker.js', to: 'dist' }],
});
