import { bodyOptionsOf } from '../../settings/body-options.ts';
import { afterWrite } from '../hooks.ts';
import { storePermissions, visiblePermissions } from '../permissions.ts';
import { checkPreconditions, readPreconditions } from '../preconditions.ts';
import { applyPatch, checkBodyId, readJsonBody, responseBehavior, shapePatchResponse } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { pathId, requireWritable } from './object-lookup.ts';
import { dataToStore } from './write-data.ts';

/** `PATCH` on an object endpoint (http-api.md §4.7): the three patch flavours, `Response-Behavior`. */
export async function objectPatch(request: ResourceRequest): Promise<Response> {
  const { c, tx, scope, resource } = request;
  const id = pathId(request);
  const behavior = responseBehavior(c.req.header('Response-Behavior') ?? null);
  const { contentType, body } = await readJsonBody(c.req.raw, 'PATCH', bodyOptionsOf(request.settings));
  const existing = await requireWritable(request, id);
  checkPreconditions(readPreconditions(c.req.raw.headers), existing.last_modified, existing);

  const uri = request.uriOf(id);
  const storedPermissions = await tx.permission.getObjectPermissions(uri);
  const patched = applyPatch(contentType, { data: existing, permissions: storedPermissions }, body, {
    allowedPermissions: resource.permissions,
  });
  checkBodyId(id, patched.data);
  const updated = await tx.storage.update(scope, id, await dataToStore(request, patched.data, existing));
  await storePermissions(tx.permission, uri, {
    replacement: patched.permissionsChanged ? patched.permissions : undefined,
    allowed: resource.permissions,
    writer: request.writer,
    explicit: request.settings.explicit_permissions,
  });
  await afterWrite(request, updated, existing);
  request.emit('update', updated.last_modified, [{ new: updated, old: existing }], id);
  const permissions = await visiblePermissions(tx.permission, uri, request.principals);
  const data = shapePatchResponse(behavior, updated, patched.requestedData, existing);
  return c.json({ data, permissions }, 200, timestampHeaders(updated.last_modified));
}
