import { defineProject } from 'vitest/config';

/**
 * Inside the repo, workspace packages resolve to their TypeScript sources (no build needed) through
 * the `@core/source` export condition; the rest are Vite's default server conditions.
 */
const conditions = ['@core/source', 'module', 'node', 'development|production'];

export function packageProject(
  name: string,
  testTimeout = 20_000,
  options: { include?: string[]; exclude?: string[]; env?: Record<string, string> } = {},
) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      name,
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      ...(options.exclude ? { exclude: options.exclude } : {}),
      ...(options.env ? { env: options.env } : {}),
      testTimeout,
    },
  });
}
