import type { StoredObject } from '@core/contracts';
import { authorizeWithParent, restrictTo } from '../authorize.ts';
import { afterDelete, beforeDelete } from '../hooks.ts';
import { deletePermissions } from '../permissions.ts';
import { checkPreconditions, readPreconditions } from '../preconditions.ts';
import type { ResourceRequest } from '../request.ts';
import { listRestricted } from '../restricted-listing.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { readListQuery } from './list-context.ts';
import { nextPage } from './next-page.ts';
import { FOR_UPDATE } from './object-lookup.ts';

/** `DELETE` on a plural endpoint (http-api.md §4.4): tombstones of the matching page, ACEs removed. */
export async function pluralDelete(request: ResourceRequest): Promise<Response> {
  const { c, tx, scope } = request;
  const query = await readListQuery(request, 'DELETE');
  const restriction = restrictTo(await authorizeWithParent(request, 'list-write'), query.filters);
  const timestamp = await tx.storage.resourceTimestamp(scope, FOR_UPDATE);
  checkPreconditions(readPreconditions(c.req.raw.headers), timestamp);

  const matching = (await listRestricted(tx.storage, scope, restriction, {
    sort: query.sort,
    ...(query.after ? { after: query.after } : {}),
    limit: query.limit + 1,
  })) as StoredObject[];
  const victims = matching.slice(0, query.limit);
  await beforeDelete(request, victims);
  const tombstones =
    victims.length === 0
      ? []
      : await tx.storage.deleteAll(scope, {
          filters: [{ field: 'id', operator: 'in', value: victims.map((object) => object.id) }],
          sort: query.sort,
        });
  await deletePermissions(
    tx.permission,
    tombstones.map((tombstone) => request.uriOf(tombstone.id)),
  );
  const previous = new Map(victims.map((object) => [object.id, object]));
  await afterDelete(
    request,
    tombstones.map((tombstone) => ({ tombstone, previous: previous.get(tombstone.id)! })),
  );
  const latest = tombstones.reduce((max, tombstone) => Math.max(max, tombstone.last_modified), timestamp);
  if (tombstones.length === 0) request.emitRead(latest, []);
  if (tombstones.length > 0) {
    request.emit(
      'delete',
      latest,
      tombstones.map((tombstone) => ({ new: tombstone, old: previous.get(tombstone.id)! })),
    );
  }
  const headers: Record<string, string> = timestampHeaders(latest);
  const next = await nextPage(request, query, victims, matching.length > query.limit, true);
  if (next) headers['Next-Page'] = next;
  return c.json({ data: tombstones }, 200, headers);
}
