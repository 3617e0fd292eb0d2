import { hasOwn } from './json-value.ts';
import { copyPermissions, dedupe, putPermission } from './permissions-body.ts';

/** An object's permissions as read from the permission backend. */
export type StoredPermissions = Readonly<Record<string, readonly string[]>>;

/**
 * A fresh copy of `stored` where every allowed permission (`read` and `write` when any name is allowed) has an entry, `[]`
 * when nobody holds it. Handing the whole map to `replaceObjectPermissions` then also clears the
 * permissions a PATCH emptied.
 */
export function completePermissions(
  stored: StoredPermissions,
  allowed: readonly string[],
): Record<string, string[]> {
  const result = copyPermissions(stored);
  for (const perm of allowed.length === 0 ? ['read', 'write'] : allowed) {
    if (!hasOwn(result, perm)) putPermission(result, perm, []);
  }
  for (const perm of Object.keys(result)) putPermission(result, perm, dedupe(result[perm] ?? []));
  return result;
}

/** `true` when both hold the same principals for every permission (order ignored, missing = `[]`). */
export function samePermissions(a: StoredPermissions, b: StoredPermissions): boolean {
  const perms = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const perm of perms) {
    const left = new Set(hasOwn(a, perm) ? a[perm] : []);
    const right = new Set(hasOwn(b, perm) ? b[perm] : []);
    if (left.size !== right.size) return false;
    for (const principal of left) if (!right.has(principal)) return false;
  }
  return true;
}
