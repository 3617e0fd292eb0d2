import { isCoreError, type ReadOptions, type StoredObject } from '@core/contracts';
import { objectNotFound } from '../../errors/http-errors.ts';
import { authorizeWithParent } from '../authorize.ts';
import { checkPathId } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';

/** Read options of a read that a write depends on. */
export const FOR_UPDATE: ReadOptions = { forUpdate: true };

/** The object id of the URL, validated against the resource's id pattern (400 `Invalid object id`). */
export function pathId(request: ResourceRequest): string {
  const id = request.params.id ?? '';
  checkPathId(id, request.idGenerator);
  return id;
}

/**
 * The stored object, or `undefined` when there is none (tombstones count as none). `forUpdate` for a
 * write computed from it: the object stays reserved until the request's transaction ends, so
 * concurrent writers see each other's results and preconditions admit one winner.
 */
export async function findObject(
  request: ResourceRequest,
  id: string,
  options: ReadOptions = {},
): Promise<StoredObject | undefined> {
  try {
    return await request.tx.storage.get(request.scope, id, options);
  } catch (error) {
    if (isCoreError(error, 'OBJECT_NOT_FOUND')) return undefined;
    throw error;
  }
}

/** The stored object, or the 404 errno 110 of the protocol. */
export async function requireObject(request: ResourceRequest, id: string): Promise<StoredObject> {
  const object = await findObject(request, id);
  if (!object) throw objectNotFound(request.resource.name, id);
  return object;
}

/**
 * The object about to be modified (PATCH, DELETE), once the caller may write it; a missing object is
 * a 404 only for callers who may read its parent (permissions.md §3.7), a refusal for the others.
 */
export async function requireWritable(request: ResourceRequest, id: string): Promise<StoredObject> {
  const object = await findObject(request, id, FOR_UPDATE);
  if (object) {
    await authorizeWithParent(request, 'write', request.uriOf(id));
    return object;
  }
  await authorizeWithParent(request, 'read-parent');
  throw objectNotFound(request.resource.name, id);
}
