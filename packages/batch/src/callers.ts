import type { ApiEnv } from '@core/http-api';
import { authenticate, type Caller } from '@core/http-api';
import type { Context } from 'hono';
import type { Subrequest } from './subrequest.ts';

/**
 * The caller of each subrequest. Subrequests inherit the batch's `Authorization`, hence its caller
 * (authenticated once for the whole batch); one that sends its own `Authorization` is authenticated
 * with it, once per distinct value, with the batch request's client address. Done before the batch's transaction opens: policies read the
 * backends directly, which would wait on that transaction.
 */
export async function callersOf(c: Context<ApiEnv>, subrequests: readonly Subrequest[]): Promise<Caller[]> {
  const known = new Map<string | null, Caller>([[c.req.header('Authorization') ?? null, c.get('caller')]]);
  const callers: Caller[] = [];
  const clientAddress = c.get('clientAddress');
  const context = clientAddress === undefined ? {} : { clientAddress };
  for (const subrequest of subrequests) {
    const authorization = subrequest.headers.get('Authorization');
    let caller = known.get(authorization);
    if (!caller) {
      const probe = new Request(subrequest.url, { headers: subrequest.headers });
      caller = await authenticate(probe, c.get('policies'), c.get('backends'), context);
      known.set(authorization, caller);
    }
    callers.push(caller);
  }
  return callers;
}
