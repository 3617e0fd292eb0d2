import type { FieldPath, JsonObject, JsonValue } from '@core/contracts';

/** Reads one field of an object; `undefined` means the field is missing. */
export type FieldReader = (object: JsonObject) => JsonValue | undefined;

function isPlainObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves `path` in `object`: the whole path when it is a key, else the longest dotted prefix that
 * is a key, continuing into its value when that is an object. `undefined` when missing (arrays are
 * not indexed, and a shorter prefix is not tried once a longer one matched, as in Kinto).
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

/** Compiles a reader for `path`, with a fast path for plain (dot-free) keys. */
export function fieldReader(path: FieldPath): FieldReader {
  if (!path.includes('.')) return (object) => (Object.hasOwn(object, path) ? object[path] : undefined);
  return (object) => resolveField(object, path);
}
