import type { JsonObject, JsonValue } from '@core/contracts';
import jsonpatch from 'fast-json-patch';
import { invalidParameters, type ValidationDetail } from '../errors/http-errors.ts';
import { assertJsonValue, deepCopy, hasOwn, isJsonObject, pyRepr, pyStr } from './json-value.ts';
import {
  copyPermissions,
  isAllowedPermission,
  notAMapping,
  notOneOf,
  putPermission,
} from './permissions-body.ts';
import type { StoredPermissions } from './stored-permissions.ts';

/** The operations RFC 6902 defines. */
export const JSON_PATCH_OPS = ['test', 'add', 'remove', 'replace', 'move', 'copy'] as const;

/**
 * Kinto validates `path`/`from` with Python's `re.match(r'(/\w*)+')`, anchored at the start only:
 * any string starting with `/` passes (the root pointer `""` does not).
 */
const PATH_PATTERN = /^\//;
const OPERATION_KEYS = ['op', 'path', 'from', 'value'];

/** One validated operation. */
export interface JsonPatchOperation {
  op: (typeof JSON_PATCH_OPS)[number];
  path: string;
  from?: string;
  value?: JsonValue;
}

function checkPath(index: number, key: 'path' | 'from', value: JsonValue, errors: ValidationDetail[]) {
  const name = `${index}.${key}`;
  if (typeof value !== 'string') {
    errors.push({ location: 'body', name, description: `${pyStr(value)} is not a string` });
  } else if (!PATH_PATTERN.test(value)) {
    errors.push({ location: 'body', name, description: 'String does not match expected pattern' });
  }
}

function checkOperation(item: JsonValue, index: number, errors: ValidationDetail[]): void {
  if (!isJsonObject(item)) {
    errors.push({ location: 'body', name: `${index}`, description: notAMapping(item) });
    return;
  }
  const unknown = Object.keys(item).filter((key) => !OPERATION_KEYS.includes(key));
  if (unknown.length > 0) {
    const extra: JsonObject = {};
    for (const key of unknown) putPermission(extra, key, item[key] ?? null);
    const description = `Unrecognized keys in mapping: "${pyRepr(extra)}"`;
    errors.push({ location: 'body', name: `${index}`, description });
    return;
  }
  if (!hasOwn(item, 'op')) errors.push({ location: 'body', name: `${index}.op`, description: 'Required' });
  else if (!JSON_PATCH_OPS.some((op) => op === item.op)) {
    const description = notOneOf(pyStr(item.op), JSON_PATCH_OPS);
    errors.push({ location: 'body', name: `${index}.op`, description });
  }
  if (!hasOwn(item, 'path'))
    errors.push({ location: 'body', name: `${index}.path`, description: 'Required' });
  else checkPath(index, 'path', item.path as JsonValue, errors);
  if (hasOwn(item, 'from')) checkPath(index, 'from', item.from as JsonValue, errors);
}

/**
 * Validates a JSON-Patch body (a list of `{op, path, from?, value?}`; Kinto's schema): anything else
 * → 400 errno 107 naming `<index>.<key>`.
 */
export function parseJsonPatch(body: unknown): JsonPatchOperation[] {
  const value = body === undefined ? null : body;
  assertJsonValue(value);
  if (!Array.isArray(value)) {
    throw invalidParameters({ location: 'body', name: '', description: `"${pyStr(value)}" is not iterable` });
  }
  const errors: ValidationDetail[] = [];
  for (const [index, item] of value.entries()) checkOperation(item, index, errors);
  if (errors.length > 0) throw invalidParameters(errors);
  return (value as JsonObject[]).map((item) => deepCopy(item) as unknown as JsonPatchOperation);
}

function patchFailed(reason: string) {
  return invalidParameters({
    location: 'body',
    name: '',
    description: `JSON Patch operation failed: ${reason}`,
  });
}

/** `/permissions/<perm>/<principal>` → the principal (unescaped), so its `value` can be implied. */
// Kinto implies the value of principal operations on these two permissions only.
const IMPLIED = new Set(['read', 'write']);

function impliedPrincipal(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length !== 4 || parts[1] !== 'permissions' || !IMPLIED.has(parts[2] ?? '')) return undefined;
  return (parts[3] ?? '').replaceAll('~1', '/').replaceAll('~0', '~');
}

function principalsOf(perm: string, value: JsonValue | undefined, errors: ValidationDetail[]) {
  // Kinto hands the patched `{principal: principal}` map to the backend, which keeps its keys.
  if (isJsonObject(value)) return Object.keys(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')) {
    return value as string[];
  }
  const description = `"${pyStr(value)}" is not a mapping of principals`;
  errors.push({ location: 'body', name: `permissions.${perm}`, description });
  return undefined;
}

function readPermissions(value: JsonValue | undefined, allowed: readonly string[]) {
  if (!isJsonObject(value)) {
    throw invalidParameters({ location: 'body', name: 'permissions', description: notAMapping(value) });
  }
  const errors: ValidationDetail[] = [];
  const result: Record<string, string[]> = {};
  for (const perm of Object.keys(value)) {
    const principals = principalsOf(perm, value[perm], errors);
    if (principals === undefined) continue;
    if (!isAllowedPermission(perm, allowed)) {
      // `read` and `write` are always exposed, even where the resource has no such permission.
      if (principals.length === 0) continue;
      errors.push({ location: 'body', name: 'permissions', description: notOneOf(perm, allowed) });
      continue;
    }
    putPermission(result, perm, [...new Set(principals)]);
  }
  if (errors.length > 0) throw invalidParameters(errors);
  return result;
}

/**
 * Applies RFC 6902 operations to `{data, permissions}` (http-api.md §4.7) where permissions are
 * exposed as `{perm: {principal: principal}}` (`read` and `write` always present, the other stored
 * ones as they are), and `/permissions/{read,write}/<principal>` operations get their `value` implied
 * — as in Kinto, which patches only those two: an `add` to a create permission nobody holds yet fails.
 * A failed operation → 400 `JSON Patch operation failed: <reason>`. Returns fresh copies; a
 * permission removed as a whole comes back as `[]` (emptied).
 */
export function applyJsonPatch(
  stored: { data: JsonObject; permissions: StoredPermissions },
  operations: readonly JsonPatchOperation[],
  allowed: readonly string[],
): { data: JsonObject; permissions: Record<string, string[]> } {
  const exposed: Record<string, Record<string, string>> = {};
  const current = copyPermissions(stored.permissions);
  const known = [...new Set(['read', 'write', ...Object.keys(current)])];
  for (const perm of known) {
    const map: Record<string, string> = {};
    for (const principal of current[perm] ?? []) putPermission(map, principal, principal);
    putPermission(exposed, perm, map);
  }
  const document = { data: deepCopy(stored.data), permissions: exposed as JsonObject };
  const ops = operations.map((operation) => {
    const principal = impliedPrincipal(operation.path);
    return principal === undefined ? { ...operation } : { ...operation, value: principal };
  });
  try {
    jsonpatch.applyPatch(document, ops as never, true, true, true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.startsWith('JSON-Patch: modifying `__proto__`')
      ? 'modifying `__proto__` or `constructor/prototype` is not allowed'
      : (message.split('\n', 1)[0] ?? message);
    throw patchFailed(reason);
  }
  const patched = document as { data?: JsonValue; permissions?: JsonValue };
  if (!isJsonObject(patched.data)) {
    throw invalidParameters({ location: 'body', name: 'data', description: notAMapping(patched.data) });
  }
  const permissions = readPermissions(patched.permissions, allowed);
  for (const perm of known) {
    if (!hasOwn(permissions, perm)) putPermission(permissions, perm, []);
  }
  return { data: deepCopy(patched.data), permissions };
}
