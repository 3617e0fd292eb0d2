import type { JsonObject, JsonValue } from '@core/contracts';
import { invalidQuery } from '../errors/http-errors.ts';
import { checkFieldDepth, type KnownFieldCheck, rootField } from './field-path.ts';
import { isPlainObject, setOwn } from './json-value.ts';

/**
 * `_fields` (http-api.md §10): comma-separated field paths, trimmed, empty entries dropped. A present
 * but empty `_fields` gives `[]` (only `id` and `last_modified` are then returned, as in Kinto).
 * @throws HttpError 400 errno 107 (name `_fields`, description `Fields <f> do not exist`) when a
 *   strict schema does not know a root field.
 */
export function parseFields(raw: string | null, isKnownField: KnownFieldCheck | null): string[] | null {
  if (raw === null) return null;
  const fields = [...new Set(raw.split(',').map((entry) => entry.trim()))].filter((entry) => entry !== '');
  for (const field of fields) checkFieldDepth('_fields', field);
  if (isKnownField) {
    const unknown = [...new Set(fields.filter((field) => !isKnownField(field)).map(rootField))];
    if (unknown.length > 0) throw invalidQuery('_fields', `Fields ${unknown.join(',')} do not exist`);
  }
  return fields;
}

/** Union of two projections of the same value (a whole value absorbs any part of it). */
function mergeProjections(left: JsonValue | undefined, right: JsonValue): JsonValue {
  if (!isPlainObject(left) || !isPlainObject(right)) return right;
  const merged: JsonObject = {};
  for (const [key, value] of Object.entries(left)) setOwn(merged, key, value);
  for (const [key, value] of Object.entries(right)) setOwn(merged, key, mergeProjections(merged[key], value));
  return merged;
}

/** The projection of one path: `{key: value}` for the longest key matching the path, or `null`. */
function projectPath(object: JsonObject, path: string): JsonObject | null {
  const picked: JsonObject = {};
  if (Object.hasOwn(object, path)) {
    setOwn(picked, path, object[path] as JsonValue);
    return picked;
  }
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const prefix = path.slice(0, dot);
    if (!Object.hasOwn(object, prefix)) continue;
    const inner = object[prefix] as JsonValue;
    if (!isPlainObject(inner)) {
      setOwn(picked, prefix, inner);
      return picked;
    }
    const nested = projectPath(inner, path.slice(dot + 1));
    if (nested === null) return null;
    setOwn(picked, prefix, nested);
    return picked;
  }
  return null;
}

/**
 * The partial object of `_fields` (http-api.md §10): `id` and `last_modified` always kept; dotted
 * entries select nested keys (a key containing dots is preferred, longest first, as filters resolve
 * paths); when the parent value is not an object the whole field is kept; missing fields are omitted.
 * Never mutates `object`.
 */
export function projectFields(object: JsonObject, fields: readonly string[]): JsonObject {
  let result: JsonObject = {};
  for (const path of [...fields, 'id', 'last_modified']) {
    const picked = projectPath(object, path);
    if (picked !== null) result = mergeProjections(result, picked) as JsonObject;
  }
  return result;
}
