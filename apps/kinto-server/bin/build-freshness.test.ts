import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleBuilds } from './build-freshness.mjs';

describe('pnpm start: which packages need a build', () => {
  let packages: string;
  const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);
  async function file(path: string, seconds: number) {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, '');
    await utimes(path, at(seconds), at(seconds));
  }
  async function pkg(name: string, sources: number, built?: number) {
    await file(join(packages, name, 'package.json'), 0);
    await file(join(packages, name, 'tsconfig.json'), 0);
    await file(join(packages, name, 'src/index.ts'), sources);
    await file(join(packages, name, 'src/deep/part.ts'), sources - 5);
    await file(join(packages, name, 'src/index.test.ts'), sources + 100);
    if (built !== undefined) {
      await file(join(packages, name, 'dist/index.js'), built);
      await file(join(packages, name, 'dist/index.d.ts'), built + 1);
    }
  }

  beforeEach(async () => {
    packages = await mkdtemp(join(tmpdir(), 'freshness-'));
  });
  afterEach(async () => {
    await rm(packages, { recursive: true, force: true });
  });

  it('lists packages never built and those whose sources changed since; tests do not count', async () => {
    await pkg('fresh', 10, 20);
    await pkg('never', 10);
    await pkg('edited', 30, 20);
    await file(join(packages, 'nested-edit', 'package.json'), 0);
    await pkg('nested-edit', 10, 20);
    await file(join(packages, 'nested-edit', 'src/deep/part.ts'), 25);
    expect(staleBuilds(packages).sort()).toEqual(['edited', 'nested-edit', 'never']);
  });

  it('a changed package.json or tsconfig.json makes the build stale; folders without sources are skipped', async () => {
    await pkg('config', 10, 20);
    await file(join(packages, 'config', 'tsconfig.json'), 40);
    await mkdir(join(packages, 'docs-only'));
    expect(staleBuilds(packages)).toEqual(['config']);
  });
});
