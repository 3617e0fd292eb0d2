import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Newest modification time (ms) of the build inputs under `dir`: sources, not tests.
 * @param {string} dir
 * @returns {number}
 */
function newestInput(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestInput(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Oldest modification time (ms) of the files directly in `dist`, or -1 when there is no build.
 * @param {string} dist
 * @returns {number}
 */
function oldestOutput(dist) {
  let oldest = Number.POSITIVE_INFINITY;
  try {
    for (const entry of readdirSync(dist, { withFileTypes: true })) {
      if (entry.isFile()) oldest = Math.min(oldest, statSync(join(dist, entry.name)).mtimeMs);
    }
  } catch {
    return -1;
  }
  return oldest === Number.POSITIVE_INFINITY ? -1 : oldest;
}

/**
 * The workspace packages (folders of `packagesDir` with `src`, `package.json` and `tsconfig.json`) whose `dist` is missing or
 * older than their `src`, `package.json` or `tsconfig.json`. A few milliseconds: stats only.
 * @param {string} packagesDir
 * @returns {string[]}
 */
export function staleBuilds(packagesDir) {
  /** @type {string[]} */
  const stale = [];
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const root = join(packagesDir, entry.name);
    let inputs;
    try {
      inputs = Math.max(
        newestInput(join(root, 'src')),
        statSync(join(root, 'package.json')).mtimeMs,
        statSync(join(root, 'tsconfig.json')).mtimeMs,
      );
    } catch {
      continue;
    }
    const built = oldestOutput(join(root, 'dist'));
    if (built < 0 || built < inputs) stale.push(entry.name);
  }
  return stale;
}
