import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder (the working directory of the servers: it depends on the backends). */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The built `kinto` CLI (`@core/kinto`'s `bin`), run with plain `node` as a user would. */
export function kintoCli(): string {
  const root = dirname(createRequire(join(APP_DIR, 'package.json')).resolve('@core/kinto/package.json'));
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    throw new Error(
      `${cli} is missing: build first (pnpm bench does: turbo run build --filter=@apps/bench...)`,
    );
  }
  return cli;
}

/** A floor's built entry. */
export function floorEntry(name: 'memory-main' | 'postgres-main'): string {
  return join(APP_DIR, 'dist', 'floor', `${name}.js`);
}
