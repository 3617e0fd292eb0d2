import {
  type AuthenticationContext,
  type AuthenticationPolicy,
  type Backends,
  isCoreError,
} from '@core/contracts';
import type { MiddlewareHandler } from 'hono';
import { isStorableString } from '../body/storable-string.ts';
import type { ApiEnv, Caller } from '../context.ts';
import { ANONYMOUS } from './request-context.ts';

/**
 * Identifies the caller of `request` (permissions.md §1–§2): policies are tried in order, the first
 * identity wins; its user id is prefixed with the policy name and the principals are the user id,
 * `system.Everyone`, `system.Authenticated`, the policy's own and the permission backend's groups.
 * `context` (the client address) is handed to every policy. A policy refusing with an `HttpError`
 * (e.g. 429 errno 117, too many failed logins) does not stop the later policies: the first refusal
 * is answered only when none of them identifies the caller (with `account` then `basicauth`, a
 * throttled account name still works as a Basic Auth identity, as a wrong password does).
 * @throws BackendError when a policy or the permission backend fails (→ 503).
 * @throws HttpError the first refusal of a policy, when no policy identified the caller.
 */
export async function authenticate(
  request: Request,
  policies: readonly AuthenticationPolicy[],
  backends: Backends,
  context: AuthenticationContext = {},
): Promise<Caller> {
  let refusal: unknown;
  for (const policy of policies) {
    let identity: Awaited<ReturnType<AuthenticationPolicy['authenticate']>>;
    try {
      identity = await policy.authenticate(request, context);
    } catch (error) {
      if (!isCoreError(error, 'HTTP_ERROR')) throw error;
      refusal ??= error;
      continue;
    }
    // A user id no backend could store (NUL, lone surrogates) identifies nobody, whatever the policy.
    if (!identity || !isStorableString(identity.userId)) continue;
    const userId = `${policy.name}:${identity.userId}`;
    const groups = await backends.permission.getUserPrincipals(userId);
    const principals = new Set([
      userId,
      'system.Everyone',
      'system.Authenticated',
      ...(identity.principals ?? []),
      ...groups,
    ]);
    return { userId, principals: [...principals] };
  }
  if (refusal !== undefined) throw refusal;
  return ANONYMOUS;
}

/**
 * Sets `c.get('caller')` with {@link authenticate}; skipped for CORS preflights and for `publicPaths`
 * (health and metadata endpoints, which must answer without touching the backends).
 */
export function authentication(
  policies: readonly AuthenticationPolicy[],
  publicPaths: readonly string[] = [],
): MiddlewareHandler<ApiEnv> {
  const skipped = new Set(publicPaths);
  return async (c, next) => {
    // Subrequests keep their parent's caller.
    if (policies.length > 0 && !c.get('parent') && c.req.method !== 'OPTIONS' && !skipped.has(c.req.path)) {
      const clientAddress = c.get('clientAddress');
      const context = clientAddress === undefined ? {} : { clientAddress };
      c.set('caller', await authenticate(c.req.raw, policies, c.get('backends'), context));
    }
    await next();
  };
}
