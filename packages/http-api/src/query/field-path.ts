import type { FieldPath, JsonObject, JsonValue } from '@core/contracts';
import { isPlainObject } from './json-value.ts';

/**
 * A field name as Kinto's `[\w.]+` accepts it (Python's `\w` is Unicode-aware: letters, digits,
 * underscore).
 */
export const FIELD_NAME = /^[\p{L}\p{N}_.]+$/u;

/** The fields every object has, known even on strict-schema resources. */
export const BUILTIN_FIELDS: readonly string[] = ['id', 'last_modified', 'deleted'];

/**
 * Resolves `path` in `object` like the storage does: the whole path when it is a key, else the
 * longest dotted prefix that is a key, continuing into its value when that is an object.
 * @returns `undefined` when the field is missing.
 */
export function resolveField(object: JsonObject, path: FieldPath): JsonValue | undefined {
  if (Object.hasOwn(object, path)) return object[path];
  let dot = path.lastIndexOf('.');
  while (dot > 0) {
    const prefix = path.slice(0, dot);
    if (Object.hasOwn(object, prefix)) {
      const inner = object[prefix];
      return isPlainObject(inner) ? resolveField(inner, path.slice(dot + 1)) : undefined;
    }
    dot = path.lastIndexOf('.', dot - 1);
  }
  return undefined;
}

/** The root of a dotted path (`author.name` → `author`), which strict schemas check. */
export function rootField(path: FieldPath): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

/** Tells whether a strict schema knows a field path (by its root). */
export type KnownFieldCheck = (path: FieldPath) => boolean;

/** A checker for strict-schema resources; `null` (schemaless) accepts everything. */
export function knownFieldChecker(strict: { fields: readonly string[] } | undefined): KnownFieldCheck | null {
  if (!strict) return null;
  const known = new Set([...strict.fields, ...BUILTIN_FIELDS]);
  return (path) => known.has(rootField(path));
}
