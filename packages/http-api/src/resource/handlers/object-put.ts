import { bodyOptionsOf } from '../../settings/body-options.ts';
import { authorizeWithParent } from '../authorize.ts';
import { afterWrite } from '../hooks.ts';
import { storePermissions, visiblePermissions } from '../permissions.ts';
import { checkPreconditions, readPreconditions } from '../preconditions.ts';
import { checkBodyId, parseEnvelope, readJsonBody } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { FOR_UPDATE, findObject, pathId } from './object-lookup.ts';
import { dataToStore } from './write-data.ts';

/** `PUT` on an object endpoint (http-api.md §4.6): create (201) or replace (200). */
export async function objectPut(request: ResourceRequest): Promise<Response> {
  const { c, tx, scope, resource } = request;
  const id = pathId(request);
  const { body } = await readJsonBody(c.req.raw, 'PUT', bodyOptionsOf(request.settings));
  const envelope = parseEnvelope(body, { allowedPermissions: resource.permissions });
  const existing = await findObject(request, id, FOR_UPDATE);
  const creating = existing === undefined || c.req.header('If-None-Match')?.trim() === '*';
  await authorizeWithParent(request, creating ? 'create' : 'write', creating ? null : request.uriOf(id));
  checkPreconditions(readPreconditions(c.req.raw.headers), existing?.last_modified, existing);

  const data = envelope.data ?? existing ?? {};
  checkBodyId(id, data);
  const stored = await tx.storage.update(scope, id, await dataToStore(request, data, existing));
  const uri = request.uriOf(id);
  const replacement =
    envelope.permissions && Object.keys(envelope.permissions).length > 0 ? envelope.permissions : undefined;
  await storePermissions(tx.permission, uri, {
    replacement,
    allowed: resource.permissions,
    writer: request.writer,
    explicit: request.settings.explicit_permissions,
  });
  await afterWrite(request, stored, existing);
  request.emit(
    existing ? 'update' : 'create',
    stored.last_modified,
    [existing ? { new: stored, old: existing } : { new: stored }],
    id,
  );
  const permissions = await visiblePermissions(tx.permission, uri, request.principals);
  return c.json({ data: stored, permissions }, existing ? 200 : 201, timestampHeaders(stored.last_modified));
}
