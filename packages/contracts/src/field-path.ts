import type { FieldPath } from './filters.ts';
import type { JsonObject, JsonValue } from './json.ts';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves a {@link FieldPath} in `object` with the contract's semantics: the whole path when it is a
 * key, else the longest dotted prefix that is a key, continuing into its value when that is an
 * object. Arrays are not indexed, and a shorter prefix is not tried once a longer one matched.
 * @returns the value, or `undefined` when the field is missing.
 */
export function resolveField(object: JsonObject, path: FieldPath): JsonValue | undefined {
  if (Object.hasOwn(object, path)) return object[path];
  let dot = path.lastIndexOf('.');
  while (dot > 0) {
    const prefix = path.slice(0, dot);
    if (Object.hasOwn(object, prefix)) {
      const inner = object[prefix];
      return isObject(inner) ? resolveField(inner, path.slice(dot + 1)) : undefined;
    }
    dot = path.lastIndexOf('.', dot - 1);
  }
  return undefined;
}
