import { EVERYONE, type ObjectPermissions, type PermissionOperations } from '@core/contracts';
import type { Caller } from '../context.ts';

/** The default principal a write is attributed to: the user id, or `system.Everyone` when anonymous. */
export function writerPrincipal(caller: Caller): string {
  return caller.userId ?? EVERYONE;
}

/**
 * Stores the ACEs of `uri` after a write (permissions.md §3.2, §3.8): `replacement` (when given)
 * replaces every allowed permission (missing ones emptied); then, with `explicit`, the writer is
 * (re-)added to `write`.
 */
export async function storePermissions(
  permission: PermissionOperations,
  uri: string,
  options: {
    readonly replacement: Readonly<Record<string, readonly string[]>> | undefined;
    readonly allowed: readonly string[];
    /** The principal credited with the write (`ResourceRequest.writer`). */
    readonly writer: string;
    readonly explicit: boolean;
  },
): Promise<void> {
  if (options.replacement !== undefined) {
    const full: Record<string, readonly string[]> = {};
    for (const name of options.allowed) full[name] = options.replacement[name] ?? [];
    await permission.replaceObjectPermissions(uri, full);
  }
  if (options.explicit) await permission.addPrincipalToAce(uri, 'write', options.writer);
}

/**
 * The `permissions` member of an object response: the ACEs when one of `principals` (the caller's,
 * plus the request's writer) is among the object's own `write` principals, else `{}` (http-api.md §2.2).
 */
export async function visiblePermissions(
  permission: PermissionOperations,
  uri: string,
  principals: readonly string[],
): Promise<ObjectPermissions> {
  const permissions = await permission.getObjectPermissions(uri);
  const writers = permissions.write ?? [];
  return writers.some((principal) => principals.includes(principal)) ? permissions : {};
}

/** Removes the ACEs of an object and of everything below it. */
export async function deletePermissions(
  permission: PermissionOperations,
  uris: readonly string[],
): Promise<void> {
  if (uris.length === 0) return;
  await permission.deleteObjectPermissions(uris.flatMap((uri) => [uri, `${uri}/*`]));
}
