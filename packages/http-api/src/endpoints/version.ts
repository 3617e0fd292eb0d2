import type { JsonObject } from '@core/contracts';
import type { Handler } from 'hono';
import type { VersionSource } from '../app/options.ts';
import type { ApiEnv } from '../context.ts';

/**
 * `GET /v1/__version__` (utilities.md §4): the version document, loaded once and memoized. Without a
 * source (or when loading fails) the request fails, which the error handler answers 500 errno 999.
 */
export function versionHandler(source?: VersionSource): Handler<ApiEnv> {
  let loaded: JsonObject | undefined = typeof source === 'function' ? undefined : source;
  return async (c) => {
    if (loaded === undefined) {
      if (typeof source !== 'function') throw new Error('No version document configured for __version__');
      loaded = await source();
    }
    return c.json(loaded, 200);
  };
}
