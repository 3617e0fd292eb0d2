import type { JsonValue, StoredObject } from '@core/contracts';
import type { HookContext, ResourceDefinition } from '@core/http-api';
import { defineResource } from '@core/http-api';
import { KINTO_INHERITANCE, KINTO_PERMISSIONS } from '../authorization/inheritance.ts';

function membersOf(object: StoredObject | undefined): string[] {
  const members: JsonValue | undefined = object?.members;
  return Array.isArray(members)
    ? members.filter((member): member is string => typeof member === 'string')
    : [];
}

async function dropGroups(context: HookContext, bucketUri: string): Promise<void> {
  const { storage, permission } = context.transaction;
  const groups = await storage.deleteAll({ resource: 'group', parent: bucketUri });
  for (const group of groups) await permission.removePrincipal(`${bucketUri}/groups/${group.id}`);
}

/** Test support: Kinto's buckets; deleting one removes its collections, groups (memberships) and records. */
export const buckets = defineResource({
  name: 'bucket',
  pluralPath: '/buckets',
  objectPath: '/buckets/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.bucket,
  inherits: KINTO_INHERITANCE.bucket,
  hooks: {
    async afterDelete(context, tombstone) {
      const uri = `/buckets/${tombstone.id}`;
      const { storage } = context.transaction;
      await storage.deleteAll({ resource: 'record', parent: `${uri}/collections/*` });
      await storage.deleteAll({ resource: 'collection', parent: uri });
      await dropGroups(context, uri);
    },
  },
});

/** Test support: Kinto's collections; deleting one removes its records. */
export const collections = defineResource({
  name: 'collection',
  pluralPath: '/buckets/:bucket_id/collections',
  objectPath: '/buckets/:bucket_id/collections/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.collection,
  inherits: KINTO_INHERITANCE.collection,
  hooks: {
    async afterDelete(context, tombstone) {
      const parent = `${context.parentId}/collections/${tombstone.id}`;
      await context.transaction.storage.deleteAll({ resource: 'record', parent });
    },
  },
});

/** Test support: Kinto's groups; `members` maintain the members' principals. */
export const groups = defineResource({
  name: 'group',
  pluralPath: '/buckets/:bucket_id/groups',
  objectPath: '/buckets/:bucket_id/groups/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.group,
  inherits: KINTO_INHERITANCE.group,
  hooks: {
    async afterCreate(context, created) {
      const principal = `${context.parentId}/groups/${created.id}`;
      for (const member of membersOf(created)) {
        await context.transaction.permission.addUserPrincipal(member, principal);
      }
    },
    async afterUpdate(context, updated, previous) {
      const principal = `${context.parentId}/groups/${updated.id}`;
      const before = new Set(membersOf(previous));
      const after = new Set(membersOf(updated));
      const { permission } = context.transaction;
      for (const member of after)
        if (!before.has(member)) await permission.addUserPrincipal(member, principal);
      for (const member of before) {
        if (!after.has(member)) await permission.removeUserPrincipal(member, principal);
      }
    },
    async afterDelete(context, tombstone) {
      await context.transaction.permission.removePrincipal(`${context.parentId}/groups/${tombstone.id}`);
    },
  },
});

/** Test support: Kinto's records. */
export const records = defineResource({
  name: 'record',
  pluralPath: '/buckets/:bucket_id/collections/:collection_id/records',
  objectPath: '/buckets/:bucket_id/collections/:collection_id/records/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.record,
  inherits: KINTO_INHERITANCE.record,
});

/** Test support: the four Kinto resources. */
export const KINTO_RESOURCES: readonly ResourceDefinition[] = [buckets, collections, groups, records];
