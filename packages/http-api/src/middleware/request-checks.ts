import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { checkAcceptsJson } from './accept.ts';
import { checkReadonly } from './readonly.ts';
import { checkUrlEncoding } from './url-encoding.ts';

/**
 * `urlEncoding()`, `readonlyGuard(exemptPaths)` and `acceptJson(prefix, nonJsonPaths)`, in that order, as one
 * middleware: the same refusals, one layer instead of three on every request and subrequest.
 */
export function requestChecks(
  prefix: string,
  exemptPaths: readonly string[],
  nonJsonPaths: readonly string[],
): MiddlewareHandler<ApiEnv> {
  const exempt = new Set(exemptPaths);
  const nonJson = new Set(nonJsonPaths);
  return async (c, next) => {
    checkUrlEncoding(c);
    checkReadonly(c, exempt);
    checkAcceptsJson(c, nonJson, prefix);
    await next();
  };
}
