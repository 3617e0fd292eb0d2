import type { Context, MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../context.ts';
import { notAcceptable } from '../errors/http-errors.ts';

const JSON_RANGES = new Set(['*/*', 'application/*', 'application/json']);

/** `true` when the `Accept` header (absent, empty or listing a range with q > 0) allows JSON. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim());
    if (!JSON_RANGES.has(type.toLowerCase())) return false;
    const q = params.find((param) => /^q\s*=/i.test(param));
    return q === undefined || Number.parseFloat(q.split('=')[1] ?? '1') > 0;
  });
}

/**
 * Content negotiation (http-api.md §1.2): 406 errno 107 unless `Accept` allows JSON — except on
 * `nonJsonPaths` (full paths, e.g. `/v1/__metrics__`), which answer in another format, and outside
 * the version `prefix` (`/__metrics__` is redirected to `/v1/__metrics__` first, as in Kinto).
 */
export function acceptJson(prefix: string, nonJsonPaths: readonly string[] = []): MiddlewareHandler<ApiEnv> {
  const exempt = new Set(nonJsonPaths);
  return async (c, next) => {
    checkAcceptsJson(c, exempt, prefix);
    await next();
  };
}

/** The check of {@link acceptJson}. @throws HttpError 406. */
export function checkAcceptsJson(
  c: Context<ApiEnv>,
  nonJsonPaths: ReadonlySet<string>,
  prefix: string,
): void {
  if (c.req.method === 'OPTIONS') return;
  const path = c.req.path;
  const versioned = path === prefix || path.startsWith(`${prefix}/`);
  if (versioned && !nonJsonPaths.has(path) && !acceptsJson(c.req.header('Accept'))) throw notAcceptable();
}
