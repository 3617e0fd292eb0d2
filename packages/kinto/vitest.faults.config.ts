import { fileURLToPath } from 'node:url';
import { packageProject } from '../../vitest.shared.ts';

// `pnpm test:faults` (test/faults/README.md): one long scenario on a PostgreSQL and a Redis of its
// own. Not a project of `pnpm test` (the root config only picks up `vitest.config.ts` files).
const project = packageProject('kinto-faults', 600_000, { include: ['test/faults/**/*.faults.ts'] });

export default {
  ...project,
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { ...project.test, hookTimeout: 600_000 },
};
