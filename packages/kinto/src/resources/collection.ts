import { KINTO_INHERITANCE, KINTO_PERMISSIONS } from '@core/authz';
import { defineResource } from '@core/http-api';
import { deleteDescendants } from './cascade.ts';
import { validateAgainstParentSchema } from './parent-schema.ts';
import { checkCacheExpires, checkSchemaFields } from './schema-fields.ts';

/** Collections (kinto-resources.md §2): in a bucket; `schema` and `cache_expires` reserved fields. */
export const collectionResource = defineResource({
  name: 'collection',
  pluralPath: '/buckets/:bucket_id/collections',
  objectPath: '/buckets/:bucket_id/collections/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.collection,
  inherits: KINTO_INHERITANCE.collection,
  hooks: {
    beforeCreate: async (context, data) => {
      checkSchemaFields(data, ['schema']);
      checkCacheExpires(data);
      await validateAgainstParentSchema(context, data, 'collection:schema');
      return data;
    },
    beforeUpdate: async (context, data) => {
      checkSchemaFields(data, ['schema']);
      checkCacheExpires(data);
      await validateAgainstParentSchema(context, data, 'collection:schema');
      return data;
    },
    afterDelete: (context, tombstone) =>
      deleteDescendants(
        context.transaction.storage,
        `/buckets/${context.params.bucket_id}/collections/${tombstone.id}`,
      ),
  },
});
