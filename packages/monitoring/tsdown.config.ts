import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// The edge-safe main entry and the Node-only `./node` entry.
export default defineConfig({ ...shared, entry: ['src/index.ts', 'src/node.ts'], external: [/^node:/] });
