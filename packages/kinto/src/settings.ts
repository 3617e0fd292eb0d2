import { version } from '../package.json' with { type: 'json' };

/** The version this package reports in hello (`project_version`): its own, from package.json. */
export const KINTO_VERSION: string = version;

/**
 * Kinto's settings as a fresh `kinto init` with the memory backend writes them: the accounts policy
 * with account creation open to everyone (`account:admin` administers), Basic Auth available but off
 * (as in Kinto since 11.0), the default bucket, and `flush` off (it wipes everything, unauthenticated).
 */
export const KINTO_DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  project_name: 'kinto',
  project_version: KINTO_VERSION,
  http_api_version: '1.23',
  includes: 'kinto.plugins.default_bucket kinto.plugins.accounts',
  'multiauth.policies': 'account',
  account_create_principals: 'system.Everyone',
  account_write_principals: 'account:admin',
  bucket_create_principals: 'system.Authenticated',
  http_host: null,
};

/** The plugins named by `includes`, accepting Kinto's dotted names (`kinto.plugins.flush`) and short ones. */
export function includedPlugins(includes: unknown): Set<string> {
  const names = Array.isArray(includes) ? includes.map(String) : String(includes ?? '').split(/[\s,]+/);
  return new Set(names.filter(Boolean).map((name) => name.replace(/^kinto\.plugins\./, '')));
}
