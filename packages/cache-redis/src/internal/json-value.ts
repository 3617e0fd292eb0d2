import type { JsonValue } from '@core/contracts';

/** `value` as JSON text. @throws TypeError when it is not a JSON value. */
export function toJson(value: JsonValue): string {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) throw new TypeError('Cache values must be JSON values');
  return json;
}

/** The value of stored JSON text, `undefined` for a missing key (`null` reply). */
export function fromJson(json: string | null): JsonValue | undefined {
  return json === null ? undefined : (JSON.parse(json) as JsonValue);
}
