/**
 * Kinto's `native_value`: a string that parses as JSON becomes the parsed value (`"10"` → 10,
 * `"true"` → true, `'"a"'` → `"a"`, `'[1]'` → `[1]`); any other string, and any non-string, is
 * returned unchanged.
 */
export function nativeValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
