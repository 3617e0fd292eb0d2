import { defineConfig } from 'tsdown';
import shared from '../../tsdown.shared.ts';

// Node/Bun only: the client libraries and `node:*` built-ins stay imports.
export default defineConfig({ ...shared, external: [/^node:/] });
