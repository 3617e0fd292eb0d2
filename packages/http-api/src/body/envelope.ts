import type { JsonObject } from '@core/contracts';
import { invalidParameters, type ValidationDetail } from '../errors/http-errors.ts';
import { assertJsonValue, hasOwn, isJsonObject, pyRepr } from './json-value.ts';
import {
  notAMapping,
  type PermissionsPatch,
  parsePermissionsPatch,
  putPermission,
} from './permissions-body.ts';

/** Options shared by the body parsers. */
export interface PermissionOptions {
  /** Permission names the resource accepts in bodies (permissions.md §3.1); empty = any name. */
  readonly allowedPermissions: readonly string[];
}

/** A parsed `{data, permissions}` body. */
export interface Envelope {
  /** `data` (the body's own object, not a copy), or `undefined` when absent (or the body is empty). */
  data: JsonObject | undefined;
  /**
   * The permissions sent, principals deduplicated; `null` entries (which Kinto ignores outside
   * merge-patch) are dropped, so `{}` means "a mapping was sent but changes nothing".
   */
  permissions: Record<string, string[]> | undefined;
}

const ENVELOPE_KEYS = ['data', 'permissions'];

/** Validated `{data, permissions}` with `null` permission entries kept (for merge-patch). */
export interface RawEnvelope {
  data: JsonObject | undefined;
  permissions: PermissionsPatch | undefined;
}

/**
 * Validates the envelope of a write body, keeping `null` permission entries. Shared by
 * {@link parseEnvelope} and the two mapping PATCH flavours.
 */
export function parseRawEnvelope(body: unknown, options: PermissionOptions): RawEnvelope {
  if (body === undefined) return { data: undefined, permissions: undefined };
  assertJsonValue(body);
  if (!isJsonObject(body)) {
    throw invalidParameters({ location: 'body', name: '', description: notAMapping(body) });
  }
  const unknownKeys = Object.keys(body).filter((key) => !ENVELOPE_KEYS.includes(key));
  if (unknownKeys.length > 0) {
    const extra: JsonObject = {};
    for (const key of unknownKeys) putPermission(extra, key, body[key] ?? null);
    const description = `Unrecognized keys in mapping: "${pyRepr(extra)}"`;
    throw invalidParameters({ location: 'body', name: '', description });
  }
  const errors: ValidationDetail[] = [];
  let data: JsonObject | undefined;
  if (hasOwn(body, 'data')) {
    // The parsed body belongs to this request: `data` is used as it is, not copied.
    if (isJsonObject(body.data)) data = body.data;
    else errors.push({ location: 'body', name: 'data', description: notAMapping(body.data) });
  }
  const permissions = hasOwn(body, 'permissions')
    ? parsePermissionsPatch(body.permissions, options.allowedPermissions, errors)
    : undefined;
  if (errors.length > 0) throw invalidParameters(errors);
  return { data, permissions };
}

/**
 * Parses the body of a `POST`/`PUT` (http-api.md §2.1): only `data` and `permissions` keys
 * (another key → 400 `Unrecognized keys in mapping: "{'datta': {}}"`), `data` an object,
 * `permissions` a mapping of the resource's permission names (another name → 400 naming
 * `permissions`, `"<perm>" is not one of read, write`) to lists of principal strings (else 400
 * naming `permissions.<perm>`, e.g. `"book" is not iterable`). Every error is 400 errno 107.
 * `undefined` (empty body) gives `{data: undefined, permissions: undefined}`.
 */
export function parseEnvelope(body: unknown, options: PermissionOptions): Envelope {
  const raw = parseRawEnvelope(body, options);
  if (raw.permissions === undefined) return { data: raw.data, permissions: undefined };
  const permissions: Record<string, string[]> = {};
  for (const [perm, principals] of Object.entries(raw.permissions)) {
    if (principals !== null) putPermission(permissions, perm, principals);
  }
  return { data: raw.data, permissions };
}
