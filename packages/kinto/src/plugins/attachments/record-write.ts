import { isCoreError, type JsonObject, type StoredObject } from '@core/contracts';
import { type ApiEnv, forbidden, missingResource, transactionOf, unauthorized } from '@core/http-api';
import type { Context } from 'hono';
import { recordResource } from '../../resources/record.ts';

export interface RecordParams {
  readonly bucket_id: string;
  readonly collection_id: string;
  readonly id: string;
}

export const recordUri = (p: RecordParams) =>
  `/buckets/${p.bucket_id}/collections/${p.collection_id}/records/${p.id}`;

function refusal(c: Context<ApiEnv>) {
  if (c.get('caller').userId !== null) return forbidden();
  const challenge = c
    .get('policies')
    .map((policy) => policy.challenge?.())
    .find((value) => value);
  return unauthorized(challenge);
}

/**
 * Kinto's rule for the attachment endpoint: `write` on the record when it exists, else `create` on
 * its collection (`record:create`, or inherited); then its collection must exist (404 errno 111).
 * Returns the record, read reserved for this transaction, or `undefined` when it does not exist.
 */
export async function authorizeAttachmentWrite(
  c: Context<ApiEnv>,
  params: RecordParams,
): Promise<StoredObject | undefined> {
  const tx = transactionOf(c);
  const parentUri = `/buckets/${params.bucket_id}/collections/${params.collection_id}`;
  let existing: StoredObject | undefined;
  try {
    existing = await tx.storage.get({ resource: 'record', parent: parentUri }, params.id, {
      forUpdate: true,
    });
  } catch (error) {
    if (!isCoreError(error, 'OBJECT_NOT_FOUND')) throw error;
  }
  const decision = await c.get('authorizer').authorize({
    kind: existing ? 'write' : 'create',
    caller: c.get('caller'),
    resource: recordResource,
    parentUri,
    objectUri: existing ? recordUri(params) : null,
    settings: c.get('settings'),
    permission: tx.permission,
  });
  if (!decision.allowed) throw refusal(c);
  const parent = recordResource.requiredParent;
  if (parent && !(await parent.exists({ params: { ...params }, storage: tx.storage }))) {
    throw missingResource(parent.details({ ...params }));
  }
  return existing;
}

const PRECONDITIONS = ['If-Match', 'If-None-Match'];

/**
 * Writes the record through its own endpoint, in this request's transaction and as its caller
 * (schema validation, preconditions, permissions, events all apply): `PATCH` when it exists, else
 * `PUT` (kinto-attachment's patch-then-put). The caller's `If-Match` / `If-None-Match` go along.
 */
export function writeRecord(
  c: Context<ApiEnv>,
  exists: boolean,
  body: { data: JsonObject; permissions?: JsonObject | undefined },
): Promise<Response> {
  const url = new URL(c.req.url);
  url.pathname = url.pathname.replace(/\/attachment\/?$/, '');
  url.search = '';
  const headers = new Headers({ 'Content-Type': 'application/json' });
  for (const name of PRECONDITIONS) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  const request = new Request(url, {
    method: exists ? 'PATCH' : 'PUT',
    headers,
    body: JSON.stringify(body.permissions ? body : { data: body.data }),
  });
  return c.get('dispatch')(request, {
    requestId: c.get('requestId'),
    caller: c.get('caller'),
    transaction: transactionOf(c),
    events: c.get('events')!,
    delegated: true,
  });
}

/** The full URL of the record, for the `Location` header (as Kinto answers it). */
export function recordLocation(c: Context<ApiEnv>): string {
  const url = new URL(c.req.url);
  return `${url.origin}${url.pathname.replace(/\/attachment\/?$/, '')}`;
}
