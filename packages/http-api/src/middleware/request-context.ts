import type { AuthenticationPolicy, Backends, EventListener, Logger } from '@core/contracts';
import type { MiddlewareHandler } from 'hono';
import type { ClientAddress } from '../app/client-address.ts';
import { rememberJsonTexts } from '../app/subrequest-bodies.ts';
import type { ApiEnv, Caller, ParentRequest } from '../context.ts';
import type { Authorizer } from '../resource/authorization.ts';
import type { Settings } from '../settings/settings.ts';

/** The caller before (or without) authentication. */
export const ANONYMOUS: Caller = Object.freeze({
  userId: null,
  principals: Object.freeze(['system.Everyone']),
});

const REQUEST_ID_PATTERN = /^[\w.:@/+=-]{1,128}$/;

/** Key of the Hono `env` entry carrying a subrequest's parent (see {@link subrequestEnv}). */
const PARENT = '@core/http-api:parent';

/** The `env` to pass to `app.fetch` so that the request runs as a subrequest of `parent`. */
export function subrequestEnv(env: unknown, parent: ParentRequest): Record<string, unknown> {
  return { ...(typeof env === 'object' && env !== null ? env : {}), [PARENT]: parent };
}

function parentOf(env: unknown): ParentRequest | undefined {
  return typeof env === 'object' && env !== null
    ? ((env as Record<string, unknown>)[PARENT] as ParentRequest)
    : undefined;
}

/**
 * Sets the per-request variables (http-api.md §17): `requestId` (from a well-formed `X-Request-Id`,
 * else a random UUID), `settings`, `backends`, `listeners`, `policies`, `authorizer`, `dispatch`, the
 * `clientAddress` (when known), an anonymous `caller` and a request-bound `logger`. A subrequest (its `env` made by
 * {@link subrequestEnv}) takes its parent's request id, caller, transaction and event collector.
 */
export function requestContext(deps: {
  settings: Settings;
  backends: Backends;
  listeners?: readonly EventListener[];
  policies?: readonly AuthenticationPolicy[];
  authorizer: Authorizer;
  dispatch: (request: Request, env: unknown) => Promise<Response>;
  logger?: Logger;
  clientAddress?: ClientAddress;
}): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const parent = parentOf(c.env);
    const sent = c.req.header('X-Request-Id');
    const requestId =
      parent?.requestId ?? (sent && REQUEST_ID_PATTERN.test(sent) ? sent : crypto.randomUUID());
    c.set('requestId', requestId);
    c.set('settings', deps.settings);
    c.set('backends', deps.backends);
    c.set('listeners', deps.listeners ?? []);
    c.set('policies', deps.policies ?? []);
    c.set('authorizer', deps.authorizer);
    c.set('dispatch', (request, parentRequest) =>
      deps.dispatch(request, parentRequest ? subrequestEnv(c.env, parentRequest) : c.env),
    );
    c.set('caller', parent?.caller ?? ANONYMOUS);
    const address = deps.clientAddress?.(c);
    if (address !== undefined && address !== '') c.set('clientAddress', address);
    if (parent) {
      c.set('parent', parent);
      c.set('transaction', parent.transaction);
      c.set('events', parent.events);
      rememberJsonTexts(c);
    }
    if (deps.logger) c.set('logger', parent?.logger ?? deps.logger.child({ rid: requestId }));
    await next();
  };
}
