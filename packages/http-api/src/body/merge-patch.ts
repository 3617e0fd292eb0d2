import type { JsonObject, JsonValue } from '@core/contracts';
import { deepCopy, hasOwn, isJsonObject, setOwn } from './json-value.ts';

/**
 * RFC 7396 merge of `patch` into `target`, in place: object values merge recursively, `null`
 * removes the key, anything else (arrays included) replaces. A non-object target value under an
 * object patch value is replaced by `{}` first, as the RFC says (Kinto's own helper fails there).
 * Values taken from `patch` are copied, so `target` never aliases it.
 */
export function mergePatchInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const key of Object.keys(patch)) {
    const value = patch[key] as JsonValue;
    if (value === null) {
      if (hasOwn(target, key)) delete target[key];
    } else if (isJsonObject(value)) {
      const current = hasOwn(target, key) ? target[key] : undefined;
      const base: JsonObject = isJsonObject(current) ? current : {};
      setOwn(target, key, mergePatchInto(base, value));
    } else {
      setOwn(target, key, deepCopy(value));
    }
  }
  return target;
}
