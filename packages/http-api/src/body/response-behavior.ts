import type { JsonObject, JsonValue } from '@core/contracts';
import { invalidParameters } from '../errors/http-errors.ts';
import { deepCopy, deepEqual, hasOwn, setOwn } from './json-value.ts';
import { notOneOf } from './permissions-body.ts';

/** Values of the `Response-Behavior` request header of PATCH (http-api.md §4.7). */
export type ResponseBehavior = 'full' | 'light' | 'diff';

const BEHAVIORS: readonly ResponseBehavior[] = ['full', 'light', 'diff'];

/**
 * Reads `Response-Behavior`: absent or empty → `full`; `full`, `light` or `diff` (exact case, as
 * Kinto's schema checks) are returned; anything else → 400 errno 107 naming the header
 * (`"x" is not one of full, light, diff`).
 */
export function responseBehavior(header: string | null): ResponseBehavior {
  if (header === null || header === '') return 'full';
  const found = BEHAVIORS.find((behavior) => behavior === header);
  if (found !== undefined) return found;
  throw invalidParameters({
    location: 'header',
    name: 'Response-Behavior',
    description: notOneOf(header, BEHAVIORS),
  });
}

function field(object: JsonObject, key: string): JsonValue | undefined {
  return hasOwn(object, key) ? object[key] : undefined;
}

/**
 * The `data` of a PATCH response (Kinto's semantics):
 * - `full`: the whole updated object;
 * - `light`: the requested fields whose stored value changed, with their new value;
 * - `diff`: among those, only the ones whose new value differs from what the client sent (the
 *   server altered it, or a merge-patch sent only part of a nested object).
 *
 * A requested field absent from `updated` (removed by merge-patch) is left out; Kinto fails there.
 * Returns a fresh copy.
 */
export function shapePatchResponse(
  behavior: ResponseBehavior,
  updated: JsonObject,
  requestedData: JsonObject,
  stored: JsonObject,
): JsonObject {
  if (behavior === 'full') return deepCopy(updated);
  const result: JsonObject = {};
  for (const key of Object.keys(requestedData)) {
    if (!hasOwn(updated, key)) continue;
    const value = updated[key] as JsonValue;
    if (deepEqual(field(stored, key), value)) continue;
    if (behavior === 'diff' && deepEqual(requestedData[key], value)) continue;
    setOwn(result, key, deepCopy(value));
  }
  return result;
}
