import { cacheHeaders as maxAgeHeaders } from '../app/cache-headers.ts';
import type { Caller } from '../context.ts';
import type { Settings } from '../settings/settings.ts';
import type { ResourceRequest } from './request.ts';
import { httpDate } from './timestamp-headers.ts';

function configuredCacheExpires(settings: Settings, resourceName: string): number | null {
  const value = settings[`${resourceName}_cache_expires_seconds`];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The anonymous cache lifetime of a GET on `request`'s resource: its `cacheExpires` hook, else the
 * `<name>_cache_expires_seconds` setting. `null` for an authenticated caller, whose responses are
 * never cacheable: the hook (which may read storage) is not asked.
 */
export async function cacheExpiresOf(request: ResourceRequest): Promise<number | null> {
  if (request.caller.userId !== null) return null;
  const configured = configuredCacheExpires(request.settings, request.resource.name);
  const hook = request.resource.definition.cacheExpires;
  if (!hook) return configured;
  return hook({
    params: request.params,
    settings: request.settings,
    storage: request.tx.storage,
    configured,
  });
}

/**
 * Cache headers of a GET response (http-api.md §12): a lifetime applies to anonymous requests only;
 * `N > 0` → `max-age=N` + `Expires`; `N = 0` → the no-cache family with `Pragma`; otherwise (or when
 * authenticated) `no-cache, no-store`.
 */
export function responseCacheHeaders(
  expires: number | null,
  caller: Caller,
  now: number,
): Record<string, string> {
  if (expires === null || caller.userId !== null || expires < 0)
    return { 'Cache-Control': 'no-cache, no-store' };
  if (expires === 0) {
    return {
      'Cache-Control': 'max-age=0, must-revalidate, no-cache, no-store',
      Expires: httpDate(now),
      Pragma: 'no-cache',
    };
  }
  return maxAgeHeaders(expires, now);
}
