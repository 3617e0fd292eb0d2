import type { JsonObject, ObjectData } from '@core/contracts';
import { validateData } from '../protocol.ts';
import type { ResourceRequest } from '../request.ts';

/**
 * The data to store after validation: the resource schema applied (read-only fields checked against
 * `existing`), server fields removed, and a client `last_modified` kept only where http-api.md §5.4
 * honours it (an integer, greater than the stored one on updates).
 */
export function dataToStore(request: ResourceRequest, data: JsonObject, existing?: JsonObject): ObjectData {
  const validated = validateData(data, request.resource.definition.schema, existing ? { existing } : {});
  const { id: _id, last_modified: requested, deleted: _deleted, ...fields } = validated;
  const stored = typeof existing?.last_modified === 'number' ? existing.last_modified : undefined;
  const honoured =
    typeof requested === 'number' &&
    Number.isSafeInteger(requested) &&
    requested >= 0 &&
    (stored === undefined || requested > stored);
  return honoured ? { ...fields, last_modified: requested } : fields;
}
