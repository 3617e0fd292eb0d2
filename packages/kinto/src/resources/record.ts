import { KINTO_INHERITANCE, KINTO_PERMISSIONS } from '@core/authz';
import type { JsonObject } from '@core/contracts';
import { defineResource, type HookContext } from '@core/http-api';
import { findStored, schemaValidationEnabled, validateObject } from './parent-schema.ts';
import { recordCacheExpires } from './record-cache.ts';

const collectionOf = (params: Readonly<Record<string, string>>) => ({
  parent: `/buckets/${params.bucket_id}`,
  id: params.collection_id ?? '',
});

/**
 * With validation on: the record must satisfy its collection's `schema`, then its bucket's
 * `record:schema`; it then carries `schema` = the collection's `last_modified` (kinto-resources.md §5).
 */
async function validateRecord(context: HookContext, data: JsonObject): Promise<JsonObject> {
  const { schema: _version, ...record } = data;
  if (!schemaValidationEnabled(context)) return data;
  const { parent, id } = collectionOf(context.params);
  const collection = await findStored(context, 'collection', parent, id);
  const bucket = await findStored(context, 'bucket', '', context.params.bucket_id ?? '');
  // Kinto's order: the collection's `schema` first, then the bucket's `record:schema`.
  if (collection?.schema !== undefined) validateObject(record, collection.schema, ['schema']);
  if (bucket?.['record:schema'] !== undefined) validateObject(record, bucket['record:schema'], ['schema']);
  return collection?.schema === undefined ? record : { ...record, schema: collection.last_modified };
}

/** Records (kinto-resources.md §4): in a collection that must exist. */
export const recordResource = defineResource({
  name: 'record',
  pluralPath: '/buckets/:bucket_id/collections/:collection_id/records',
  objectPath: '/buckets/:bucket_id/collections/:collection_id/records/:id',
  idGenerator: 'relaxed_uuid',
  permissions: KINTO_PERMISSIONS.record,
  inherits: KINTO_INHERITANCE.record,
  requiredParent: {
    async exists({ params, storage }) {
      const { parent, id } = collectionOf(params);
      return (
        (await storage.countAll({ resource: 'collection', parent }, [
          { field: 'id', operator: 'eq', value: id },
        ])) > 0
      );
    },
    details: (params) => ({ id: params.collection_id ?? '', resource_name: 'collection' }),
  },
  cacheExpires: recordCacheExpires,
  hooks: {
    beforeCreate: validateRecord,
    beforeUpdate: (context, data) => validateRecord(context, data),
  },
});
