import { POSTGRES_URL, productionServersUp } from '../e2e/production.ts';

/**
 * Whether the shared PostgreSQL answers; locally its absence skips these files with a loud warning,
 * under `CI=true` it fails them.
 */
export async function postgresUp(): Promise<boolean> {
  const up = await productionServersUp();
  if (up) return true;
  const message = `PostgreSQL (${POSTGRES_URL}) or Redis is down`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing server is a failure)`);
  console.warn(`\n!!!!!!!!!! ${message}: SKIPPING ${import.meta.url}\n`);
  return false;
}

/** Settings of a Kinto server on PostgreSQL `url` (storage and permission), cache in memory. */
export const onPostgres = (url: string): Record<string, unknown> => ({
  storage_backend: '@core/storage-postgres',
  storage_url: url,
  permission_backend: '@core/storage-postgres',
  permission_url: url,
  'multiauth.policies': 'basicauth',
});
