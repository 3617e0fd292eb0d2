import type { JsonObject } from '@core/contracts';
import { invalidParameters } from '../errors/http-errors.ts';
import { type PermissionOptions, parseRawEnvelope } from './envelope.ts';
import { applyJsonPatch, parseJsonPatch } from './json-patch.ts';
import { deepCopy, setOwn } from './json-value.ts';
import { mergePatchInto } from './merge-patch.ts';
import { putPermission } from './permissions-body.ts';
import type { BodyContentType } from './read-json-body.ts';
import { completePermissions, type StoredPermissions, samePermissions } from './stored-permissions.ts';

/** The object a PATCH starts from. */
export interface PatchTarget {
  /** Stored data (with `id` and `last_modified`). */
  readonly data: JsonObject;
  /** Stored permissions. */
  readonly permissions: StoredPermissions;
}

/** The outcome of {@link applyPatch}; every member is a fresh copy. */
export interface PatchOutcome {
  /** The patched data, to be validated ({@link validateData}) and stored. */
  data: JsonObject;
  /**
   * The complete permissions after the patch: every allowed permission has an entry, `[]` when
   * nobody holds it, so the whole map can go to `replaceObjectPermissions`.
   */
  permissions: Record<string, string[]>;
  /** `true` when `permissions` differs from the stored permissions (as sets). */
  permissionsChanged: boolean;
  /**
   * What the client asked to set (Kinto's `applied_changes`): the body's `data` for the mapping
   * flavours, the whole patched data for JSON-Patch. Input of {@link shapePatchResponse}.
   */
  requestedData: JsonObject;
}

function nothingToPatch() {
  return invalidParameters({
    location: 'body',
    name: 'data',
    description: 'Provide at least one of data or permissions',
  });
}

/**
 * Applies a PATCH body to a stored object (http-api.md §4.7, permissions.md §3.8):
 *
 * - `json`: each key of `data` replaces the stored value; each permission given replaces that
 *   permission's principals (a `null` one is ignored).
 * - `merge-patch` (RFC 7396): `data` merges recursively, `null` removes the key; permissions given
 *   replace theirs, `"perm": null` empties that permission.
 * - `json-patch` (RFC 6902): see {@link applyJsonPatch}.
 *
 * For the two mapping flavours an empty body or `{}` → 400 `Provide at least one of data or
 * permissions` (name `data`). Every error is an `HttpError` 400 errno 107. `stored` is never
 * mutated, and the result never shares objects with it or with `body`.
 */
export function applyPatch(
  kind: BodyContentType,
  stored: PatchTarget,
  body: unknown,
  options: PermissionOptions,
): PatchOutcome {
  const allowed = options.allowedPermissions;
  if (kind === 'json-patch') {
    const patched = applyJsonPatch(stored, parseJsonPatch(body), allowed);
    return {
      data: patched.data,
      permissions: patched.permissions,
      permissionsChanged: !samePermissions(stored.permissions, patched.permissions),
      requestedData: deepCopy(patched.data),
    };
  }
  const envelope = parseRawEnvelope(body, options);
  if (envelope.data === undefined && envelope.permissions === undefined) throw nothingToPatch();
  const requested = envelope.data ?? {};
  const data = deepCopy(stored.data);
  if (kind === 'merge-patch') mergePatchInto(data, requested);
  else for (const key of Object.keys(requested)) setOwn(data, key, deepCopy(requested[key]!));

  const permissions = completePermissions(stored.permissions, allowed);
  for (const [perm, principals] of Object.entries(envelope.permissions ?? {})) {
    if (principals !== null) putPermission(permissions, perm, [...principals]);
    else if (kind === 'merge-patch') putPermission(permissions, perm, []);
  }
  return {
    data,
    permissions,
    permissionsChanged: !samePermissions(stored.permissions, permissions),
    requestedData: deepCopy(requested),
  };
}
