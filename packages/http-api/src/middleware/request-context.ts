import type { Backends, EventListener, Logger } from '@core/contracts';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv, Caller } from '../context.ts';
import type { Settings } from '../settings/settings.ts';

/** The caller before (or without) authentication. */
export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  principals: Object.freeze(['system.Everyone']),
});

const REQUEST_ID_PATTERN = /^[\w.:@/+=-]{1,128}$/;

/**
 * Sets the per-request variables (http-api.md §17): `requestId` (from a well-formed `X-Request-Id`,
 * else a random UUID), `settings`, `backends`, `listeners`, an anonymous `caller` and a request-bound
 * `logger`.
 */
export function requestContext(deps: {
  settings: Settings;
  backends: Backends;
  listeners?: readonly EventListener[];
  logger?: Logger;
}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const sent = c.req.header('X-Request-Id');
    const requestId = sent && REQUEST_ID_PATTERN.test(sent) ? sent : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('settings', deps.settings);
    c.set('backends', deps.backends);
    c.set('listeners', deps.listeners ?? []);
    c.set('caller', ANONYMOUS);
    if (deps.logger) c.set('logger', deps.logger.child({ rid: requestId }));
    await next();
  };
}
