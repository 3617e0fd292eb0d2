import { KINTO_INHERITANCE, KINTO_PERMISSIONS } from '@core/authz';
import type { JsonObject, StoredObject } from '@core/contracts';
import { defineResource, type HookContext } from '@core/http-api';
import * as v from 'valibot';
import { validateAgainstParentSchema } from './parent-schema.ts';

function groupUri(context: HookContext, id: string): string {
  return `/buckets/${context.params.bucket_id}/groups/${id}`;
}

/** A member is a user id: never a group (no nesting) nor `system.Everyone` (Kinto's `validate_member`). */
const member = v.pipe(
  v.string(),
  v.check(
    (id) => id !== 'system.Everyone' && !id.startsWith('/buckets/'),
    (issue) => `'${String(issue.input)}' is not a valid user ID.`,
  ),
);

/**
 * The group body schema. Kinto checks it (colander) before anything else, so a `POST` naming an
 * existing group with invalid members is a 400 too, not the existing group.
 */
const GROUP_FIELDS = v.looseObject({ members: v.optional(v.array(member)) });

async function prepare(context: HookContext, data: JsonObject): Promise<JsonObject> {
  const prepared = { ...data, members: [...new Set((data.members as string[] | undefined) ?? [])] };
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
  schema: { fields: GROUP_FIELDS },
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
