import type { JsonObject, JsonValue } from '@core/contracts';

/** Deepest nesting accepted from a query-string value; deeper ones are taken as plain strings. */
export const MAX_VALUE_DEPTH = 32;

/** `true` for a JSON object (not `null`, not an array). */
export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { setOwn } from '../body/json-value.ts';

function isSafeJson(value: JsonValue, depth: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_VALUE_DEPTH) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.every((child) => isSafeJson(child, depth + 1));
}

const JSON_WHITESPACE = /^[ \t\n\r]*/;
const JSON_START = /^[{["\-0-9]/;
const JSON_LITERAL = /^[ \t\n\r]*(?:true|false|null)[ \t\n\r]*$/;

/** `false` when `JSON.parse(raw)` would surely throw: what follows the whitespace starts no JSON text. */
function mayBeJson(raw: string): boolean {
  const start = raw.slice(JSON_WHITESPACE.exec(raw)?.[0].length ?? 0);
  if (JSON_START.test(start)) return true;
  return JSON_LITERAL.test(raw);
}

/**
 * Kinto's `native_value`: the raw query-string value parsed as JSON, else the raw string itself.
 * Values JSON cannot carry (`1e400` → Infinity) or nested deeper than {@link MAX_VALUE_DEPTH} count
 * as unparseable, so they stay strings instead of reaching the storage.
 */
export function nativeValue(raw: string): JsonValue {
  // Most values are plain words (`done`): refused without the cost of a thrown SyntaxError.
  if (!mayBeJson(raw)) return raw;
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(raw) as JsonValue;
  } catch {
    return raw;
  }
  return isSafeJson(parsed, 0) ? parsed : raw;
}

/** `true` when a string anywhere in `value` (object keys included) holds the NUL character. */
export function containsNul(value: JsonValue): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(containsNul);
  return Object.entries(value).some(([key, child]) => key.includes('\u0000') || containsNul(child));
}

/** Python truthiness, which Kinto applies to `has_` values: `false`, `0`, `null`, `""`, `[]`, `{}` are false. */
export function isTruthy(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}
