import { KINTO_INHERITANCE, KINTO_PERMISSIONS } from '@core/authz';
import { defineResource } from '@core/http-api';
import { deleteDescendants } from './cascade.ts';
import { checkSchemaFields } from './schema-fields.ts';

const SCHEMA_FIELDS = ['collection:schema', 'group:schema', 'record:schema'];

/** Buckets (kinto-resources.md §1): top level, deleting one removes everything under it. */
export const bucketResource = defineResource({
  name: 'bucket',
  pluralPath: '/buckets',
  objectPath: '/buckets/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.bucket,
  inherits: KINTO_INHERITANCE.bucket,
  hooks: {
    beforeCreate: (_context, data) => {
      checkSchemaFields(data, SCHEMA_FIELDS);
      return data;
    },
    beforeUpdate: (_context, data) => {
      checkSchemaFields(data, SCHEMA_FIELDS);
      return data;
    },
    afterDelete: (context, tombstone) =>
      deleteDescendants(context.transaction.storage, `/buckets/${tombstone.id}`),
  },
});
