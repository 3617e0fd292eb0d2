import { type CoreError, isCoreError, type StoredObject } from '@core/contracts';
import { bodyOptionsOf } from '../../settings/body-options.ts';
import { authorize, checkParent } from '../authorize.ts';
import { afterWrite } from '../hooks.ts';
import { storePermissions, visiblePermissions } from '../permissions.ts';
import { checkPreconditions, readPreconditions } from '../preconditions.ts';
import { checkPostId, parseEnvelope, readJsonBody, validateData } from '../protocol.ts';
import { type ResourceRequest, resourceRequest } from '../request.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { findObject } from './object-lookup.ts';
import { dataToStore } from './write-data.ts';

/** `POST` on a plural endpoint (http-api.md §4.3): create, or return the existing object (200). */
export async function pluralPost(received: ResourceRequest): Promise<Response> {
  const { c } = received;
  const { body } = await readJsonBody(c.req.raw, 'POST', bodyOptionsOf(received.settings));
  await checkParent(received);
  const envelope = parseEnvelope(body, { allowedPermissions: received.resource.permissions });
  const data = envelope.data ?? {};
  const id = checkPostId(data, received.idGenerator);
  // A resource whose storage parent depends on the posted id (Kinto's accounts) is re-scoped to it.
  const request =
    id !== undefined && received.resource.definition.parentId
      ? resourceRequest(c, received.resource, id)
      : received;
  const { tx, scope, resource } = request;
  const preconditions = readPreconditions(c.req.raw.headers);

  const existing = id === undefined ? undefined : await findObject(request, id);
  await authorize(request, existing ? 'read' : 'create', existing ? request.uriOf(existing.id) : null);
  if (existing) {
    // Kinto validates the body against the resource schema before looking the object up.
    validateData(data, resource.definition.schema);
    checkPreconditions(preconditions, existing.last_modified, existing);
    const permissions = await visiblePermissions(
      tx.permission,
      request.uriOf(existing.id),
      request.principals,
    );
    request.emitRead(existing.last_modified, [existing]);
    return c.json({ data: existing, permissions }, 200, timestampHeaders(existing.last_modified));
  }
  checkPreconditions(preconditions, undefined);

  const toStore = { ...(await dataToStore(request, data)), ...(id ? { id } : {}) };
  let created: StoredObject;
  try {
    created = await tx.storage.create(scope, toStore, { idGenerator: () => request.idGenerator.generate() });
  } catch (error) {
    // A concurrent create of the same id won the race: answer as for an existing object.
    if (isCoreError(error, 'UNICITY')) {
      // Answered like a POST of an existing id: only to callers who may read it.
      const winner = (error as CoreError & { existing: StoredObject }).existing;
      const uri = request.uriOf(winner.id);
      await authorize(request, 'read', uri);
      const permissions = await visiblePermissions(tx.permission, uri, request.principals);
      return c.json({ data: winner, permissions }, 200, timestampHeaders(winner.last_modified));
    }
    throw error;
  }
  const uri = request.uriOf(created.id);
  await storePermissions(tx.permission, uri, {
    replacement: envelope.permissions,
    allowed: resource.permissions,
    writer: request.writer,
    explicit: request.settings.explicit_permissions,
  });
  await afterWrite(request, created, undefined);
  request.emit('create', created.last_modified, [{ new: created }]);
  const permissions = await visiblePermissions(tx.permission, uri, request.principals);
  return c.json({ data: created, permissions }, 201, timestampHeaders(created.last_modified));
}
