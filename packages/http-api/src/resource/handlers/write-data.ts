import type { JsonObject, ObjectData, StoredObject } from '@core/contracts';
import { beforeWrite } from '../hooks.ts';
import { validateData } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';

/**
 * The data to store after validation: the resource schema applied (read-only fields checked against
 * `existing`), server fields removed, the `before*` hook applied, and a client `last_modified` kept only where http-api.md §5.4
 * honours it (an integer, greater than the stored one on updates).
 */
export async function dataToStore(
  request: ResourceRequest,
  data: JsonObject,
  existing?: StoredObject,
): Promise<ObjectData> {
  const validated = validateData(data, request.resource.definition.schema, existing ? { existing } : {});
  const { id, last_modified: requested, deleted: _deleted, ...checked } = validated;
  const objectId = request.params.id ?? (typeof id === 'string' ? id : undefined);
  const fields = await beforeWrite(request, checked, existing, objectId);
  const stored = typeof existing?.last_modified === 'number' ? existing.last_modified : undefined;
  const honoured =
    typeof requested === 'number' &&
    Number.isSafeInteger(requested) &&
    requested >= 0 &&
    (stored === undefined || requested > stored);
  return honoured ? { ...fields, last_modified: requested } : fields;
}
