import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BackendImporter } from '@core/toolkit';

/**
 * Loads a backend or listener package named in the settings: as a dependency of this package, else
 * from the application's own `node_modules` (the working directory) — with pnpm's strict layout the
 * user's `@core/storage-postgres` is not visible from `@core/kinto` itself.
 */
export const importFromApplication: BackendImporter = async (name) => {
  try {
    return await import(name);
  } catch (error) {
    let resolved: string;
    try {
      resolved = createRequire(join(process.cwd(), 'package.json')).resolve(name);
    } catch {
      throw error;
    }
    return import(pathToFileURL(resolved).href);
  }
};
