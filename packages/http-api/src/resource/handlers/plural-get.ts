import { isTombstone, type StoredObject, type StoredOrDeleted } from '@core/contracts';
import { authorizeWithParent, restrictTo } from '../authorize.ts';
import { cacheExpiresOf, responseCacheHeaders } from '../cache-headers.ts';
import { checkPreconditions, isNotModified, readPreconditions } from '../preconditions.ts';
import { projectFields } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';
import { countRestricted, listRestricted } from '../restricted-listing.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { readListQuery } from './list-context.ts';
import { nextPage } from './next-page.ts';

const GET_EXPOSED = ['Next-Page', 'Last-Modified', 'ETag', 'Cache-Control', 'Expires', 'Pragma'];
const HEAD_EXPOSED = [...GET_EXPOSED, 'Total-Objects', 'Total-Records'];

/** `GET` and `HEAD` on a plural endpoint (http-api.md §4.1, §4.2). */
export async function pluralGet(request: ResourceRequest, method: 'GET' | 'HEAD'): Promise<Response> {
  const { c, tx, scope } = request;
  c.set('exposeHeaders', method === 'HEAD' ? HEAD_EXPOSED : GET_EXPOSED);
  const query = await readListQuery(request, method);
  const restriction = restrictTo(await authorizeWithParent(request, 'list-read'), query.filters);
  const preconditions = readPreconditions(c.req.raw.headers);
  const timestamp = await tx.storage.resourceTimestamp(scope);
  const headers: Record<string, string> = {
    ...timestampHeaders(timestamp),
    ...responseCacheHeaders(await cacheExpiresOf(request), request.caller, Date.now()),
  };
  if (isNotModified(preconditions, timestamp)) return c.body(null, 304, headers);
  checkPreconditions(preconditions, timestamp);

  if (method === 'HEAD') {
    const total = String(await countRestricted(tx.storage, scope, restriction));
    return c.body(null, 200, { ...headers, 'Total-Objects': total, 'Total-Records': total });
  }
  const fetched = await listRestricted(tx.storage, scope, restriction, {
    sort: query.sort,
    ...(query.after ? { after: query.after } : {}),
    limit: query.limit + 1,
    includeDeleted: query.includeDeleted,
  });
  const page = fetched.slice(0, query.limit);
  // The list was read after the timestamp: a write committed in between is in the page with a
  // higher `last_modified`. The ETag must cover it, or a `_since=<ETag>` poll would return it twice.
  // (Nothing below it can be missing: backends commit each list's writes in timestamp order.)
  const newest = page.reduce((latest, object) => Math.max(latest, object.last_modified), timestamp);
  if (newest > timestamp) Object.assign(headers, timestampHeaders(newest));
  const next = await nextPage(request, query, page, fetched.length > query.limit, false);
  if (next) headers['Next-Page'] = next;
  request.emitRead(
    newest,
    page.filter((object): object is StoredObject => !isTombstone(object)),
  );
  const fields = query.fields;
  const data = fields
    ? page.map((object: StoredOrDeleted) => (isTombstone(object) ? object : projectFields(object, fields)))
    : page;
  return c.json({ data }, 200, headers);
}
