import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// Two entries: the edge-safe main one and the Node-only `./node` one (files, env), whose `node:*`
// built-ins stay imports.
export default defineConfig({ ...shared, entry: ['src/index.ts', 'src/node.ts'], external: [/^node:/] });
