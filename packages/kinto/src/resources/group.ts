import { KINTO_INHERITANCE, KINTO_PERMISSIONS } from '@core/authz';
import type { JsonObject, StoredObject } from '@core/contracts';
import { defineResource, type HookContext, invalidParameters } from '@core/http-api';
import { validateAgainstParentSchema } from './parent-schema.ts';

function groupUri(context: HookContext, id: string): string {
  return `/buckets/${context.params.bucket_id}/groups/${id}`;
}

function membersOf(data: JsonObject): string[] {
  const members = data.members ?? [];
  if (!Array.isArray(members) || members.some((member) => typeof member !== 'string')) {
    throw invalidParameters({
      location: 'body',
      name: 'data.members',
      description: `${JSON.stringify(members)} is not a list of strings`,
    });
  }
  for (const member of members as string[]) {
    if (member === 'system.Everyone' || member.startsWith('/buckets/')) {
      throw invalidParameters({
        location: 'body',
        name: 'data.members',
        description: `'${member}' is not a valid user ID.`,
      });
    }
  }
  return [...new Set(members as string[])];
}

async function prepare(context: HookContext, data: JsonObject): Promise<JsonObject> {
  const prepared = { ...data, members: membersOf(data) };
  await validateAgainstParentSchema(context, prepared, 'group:schema');
  return prepared;
}

/** Syncs the members' principals with the group (kinto-resources.md §3). */
async function syncMembers(
  context: HookContext,
  group: StoredObject,
  previous: readonly string[],
): Promise<void> {
  const uri = groupUri(context, group.id);
  const now = group.members as string[];
  const permission = context.transaction.permission;
  for (const member of now) if (!previous.includes(member)) await permission.addUserPrincipal(member, uri);
  for (const member of previous) if (!now.includes(member)) await permission.removeUserPrincipal(member, uri);
}

/** Groups (kinto-resources.md §3): `members` become principals `/buckets/<bid>/groups/<gid>`. */
export const groupResource = defineResource({
  name: 'group',
  pluralPath: '/buckets/:bucket_id/groups',
  objectPath: '/buckets/:bucket_id/groups/:id',
  idGenerator: 'name',
  permissions: KINTO_PERMISSIONS.group,
  inherits: KINTO_INHERITANCE.group,
  hooks: {
    beforeCreate: prepare,
    beforeUpdate: (context, data) => prepare(context, data),
    afterCreate: (context, created) => syncMembers(context, created, []),
    afterUpdate: (context, updated, previous) =>
      syncMembers(context, updated, Array.isArray(previous.members) ? (previous.members as string[]) : []),
    afterDelete: (context, tombstone) =>
      context.transaction.permission.removePrincipal(groupUri(context, tombstone.id)),
  },
});
