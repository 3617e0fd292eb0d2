import { authorizeWithParent } from '../authorize.ts';
import { cacheExpiresOf, responseCacheHeaders } from '../cache-headers.ts';
import { visiblePermissions } from '../permissions.ts';
import { checkPreconditions, isNotModified, readPreconditions } from '../preconditions.ts';
import { knownFieldChecker, parseFields, projectFields } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';
import { timestampHeaders } from '../timestamp-headers.ts';
import { strictFields } from './list-context.ts';
import { pathId, requireObject } from './object-lookup.ts';

const EXPOSED = ['Last-Modified', 'ETag', 'Cache-Control', 'Expires', 'Pragma'];

/** `GET` on an object endpoint (http-api.md §4.5). */
export async function objectGet(request: ResourceRequest): Promise<Response> {
  const { c, tx } = request;
  c.set('exposeHeaders', EXPOSED);
  const id = pathId(request);
  const preconditions = readPreconditions(c.req.raw.headers);
  await authorizeWithParent(request, 'read', request.uriOf(id));
  const object = await requireObject(request, id);
  const headers = {
    ...timestampHeaders(object.last_modified),
    ...responseCacheHeaders(await cacheExpiresOf(request), request.caller, Date.now()),
  };
  if (isNotModified(preconditions, object.last_modified)) return c.body(null, 304, headers);
  checkPreconditions(preconditions, object.last_modified, object);
  // Only `_fields` applies to one object; filters and the like are not parsed here.
  const fields = parseFields(c.req.query('_fields') ?? null, knownFieldChecker(strictFields(request)));
  const permissions = await visiblePermissions(tx.permission, request.uriOf(id), request.principals);
  request.emitRead(object.last_modified, [object], id);
  return c.json({ data: fields ? projectFields(object, fields) : object, permissions }, 200, headers);
}
