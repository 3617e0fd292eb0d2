#!/usr/bin/env node
// `pnpm start` at the repository root: Kinto on the memory backend at http://localhost:8888/v1/, from
// the built packages under plain Node (no TypeScript loader, no nested package manager). Builds them
// first when a build is missing or older than its sources, so a fresh clone's `pnpm install && pnpm
// start` works. Every setting is overridable by environment variable (KINTO_HTTP_PORT=9999 pnpm start).
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuilds } from './build-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const stale = staleBuilds(join(root, 'packages'));
if (stale.length > 0) {
  console.error(`Building the packages first (${stale.join(', ')} not built or changed since)...`);
  const turbo = join(root, 'node_modules/.bin/turbo');
  const build = spawnSync(
    turbo,
    ['run', 'build', '--filter=@apps/kinto-server^...', '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    console.error(
      'The build failed; see above (or run `pnpm build` at the repository root, then start again).',
    );
    process.exit(1);
  }
}

// Node ≥ 22.1 keeps compiled code on disk: later starts skip most of compiling the server's modules.
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();
const { runCli } = await import('@core/kinto/node');
runCli(['start', ...process.argv.slice(2)]).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
