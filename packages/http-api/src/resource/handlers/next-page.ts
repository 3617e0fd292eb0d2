import type { StoredOrDeleted } from '@core/contracts';
import { invalidQuery } from '../../errors/http-errors.ts';
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
    await request.c
      .get('backends')
      .cache.set(nonce, true, request.settings.pagination_token_validity_seconds);
  }
  const payload = {
    after: cursorFromObject(last, query.sort),
    offset: query.offset + page.length,
    scope: query.scope,
    ...(nonce ? { nonce } : {}),
  };
  let token: string;
  try {
    token = await encodeToken(payload, await tokenKeyOf(request.settings));
  } catch (error) {
    // Sort values too large for a token: refuse the sort rather than silently end the listing.
    if (error instanceof RangeError) {
      throw invalidQuery('_sort', 'The sort values are too large to paginate on; sort on other fields');
    }
    throw error;
  }
  return nextPageUrl(request.c.req.url, { limit: query.limit, token }, request.settings);
}
