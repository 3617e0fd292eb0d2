import { defineConfig } from 'vitest/config';
import { packageProject } from './vitest.shared.ts';

export default defineConfig({
  test: {
    // PostgreSQL and Redis checked once per run (the verdict reaches the workers by environment).
    globalSetup: ['./scripts/test-services.ts'],
    projects: [
      'packages/*',
      'apps/*',
      // The Kinto end-to-end suite once more, on PostgreSQL + Redis (see packages/kinto/test/e2e/production.ts).
      // Its own project (not `extends`, which would add kinto's include globs and rerun everything).
      {
        ...packageProject('kinto-on-postgres', 60_000, {
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/production-backends.test.ts'],
          env: { KINTO_E2E_BACKENDS: 'postgres' },
        }),
        root: './packages/kinto',
      },
    ],
  },
});
