import { type FieldPath, type JsonObject, type JsonValue, resolveField } from '@core/contracts';

/** Reads one field of an object; `undefined` means the field is missing. */
export type FieldReader = (object: JsonObject) => JsonValue | undefined;

export { resolveField };

/** Compiles a reader for `path`, with a fast path for plain (dot-free) keys. */
export function fieldReader(path: FieldPath): FieldReader {
  if (!path.includes('.')) return (object) => (Object.hasOwn(object, path) ? object[path] : undefined);
  return (object) => resolveField(object, path);
}
