import type { StoredOrDeleted } from '@core/contracts';
import { cursorFromObject, encodeToken, nextPageUrl } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';
import { type ListQuery, tokenKeyOf } from './list-context.ts';

/**
 * The `Next-Page` URL after `page` (the last object returned), or `undefined` on the last page. DELETE
 * tokens carry a nonce stored in the cache, so each can be used once within its validity.
 */
export async function nextPage(
  request: ResourceRequest,
  query: ListQuery,
  page: readonly StoredOrDeleted[],
  hasMore: boolean,
  singleUse: boolean,
): Promise<string | undefined> {
  const last = page.at(-1);
  if (!hasMore || last === undefined) return undefined;
  let nonce: string | undefined;
  if (singleUse) {
    nonce = `pagination-token-${crypto.randomUUID()}`;
    await request.c.var.backends.cache.set(nonce, true, request.settings.pagination_token_validity_seconds);
  }
  const token = await encodeToken(
    {
      after: cursorFromObject(last, query.sort),
      offset: query.offset + page.length,
      scope: query.scope,
      ...(nonce ? { nonce } : {}),
    },
    await tokenKeyOf(request.settings),
  );
  return nextPageUrl(request.c.req.url, { limit: query.limit, token }, request.settings);
}
