import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { methodNotAllowed } from '../errors/http-errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-only mode (http-api.md §1.1): with the `readonly` setting, any method but `GET`, `HEAD` and
 * `OPTIONS` is 405 errno 115 on any URL, except on `exemptPaths` (full paths, e.g. `/v1/batch`, whose
 * inner requests go through this check again).
 */
export function readonlyGuard(exemptPaths: readonly string[] = []): MiddlewareHandler<ApiEnv> {
  const exempt = new Set(exemptPaths);
  return async (c, next) => {
    checkReadonly(c, exempt);
    await next();
  };
}

/** The check of {@link readonlyGuard}. @throws HttpError 405. */
export function checkReadonly(c: Context<ApiEnv>, exempt: ReadonlySet<string>): void {
  if (c.get('settings').readonly && !SAFE_METHODS.has(c.req.method) && !exempt.has(c.req.path)) {
    throw methodNotAllowed();
  }
}
