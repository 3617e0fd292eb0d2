import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      // The Kinto end-to-end suite once more, on PostgreSQL + Redis (see packages/kinto/test/e2e/production.ts).
      {
        extends: './packages/kinto/vitest.config.ts',
        test: {
          name: 'kinto-on-postgres',
          root: './packages/kinto',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/production-backends.test.ts'],
          env: { KINTO_E2E_BACKENDS: 'postgres' },
        },
      },
    ],
  },
});
