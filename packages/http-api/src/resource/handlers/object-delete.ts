import { afterDelete, beforeDelete } from '../hooks.ts';
import { deletePermissions } from '../permissions.ts';
import { checkPreconditions, readPreconditions } from '../preconditions.ts';
import type { ResourceRequest } from '../request.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { pathId, requireWritable } from './object-lookup.ts';

const INTEGER = /^\d{1,16}$/;

/** `DELETE` on an object endpoint (http-api.md §4.8): a tombstone, ACEs removed. */
export async function objectDelete(request: ResourceRequest): Promise<Response> {
  const { c, tx, scope } = request;
  const id = pathId(request);
  const existing = await requireWritable(request, id);
  checkPreconditions(readPreconditions(c.req.raw.headers), existing.last_modified, existing);

  await beforeDelete(request, [existing]);
  const forced = c.req.query('last_modified');
  const requested = forced !== undefined && INTEGER.test(forced) ? Number(forced) : undefined;
  const tombstone = await tx.storage.delete(scope, id, {
    ...(requested !== undefined && requested > existing.last_modified ? { lastModified: requested } : {}),
  });
  await deletePermissions(tx.permission, [request.uriOf(id)]);
  await afterDelete(request, [{ tombstone, previous: existing }]);
  request.emit('delete', tombstone.last_modified, [{ new: tombstone, old: existing }], id);
  return c.json({ data: tombstone }, 200, timestampHeaders(tombstone.last_modified));
}
