import type { JsonObject, JsonValue } from '@core/contracts';
import { invalidParameters } from '../errors/http-errors.ts';

/** Deepest nesting accepted in a request body (objects and arrays count one level each). */
export const MAX_JSON_DEPTH = 128;

/** `true` for a plain JSON object (not an array, not `null`). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property check that ignores the prototype chain (`"toString" in {}` is `true`). */
export function hasOwn(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/**
 * Sets `object[key]` as an own data property, so a `__proto__` key from a JSON body stays a plain
 * key instead of replacing the prototype.
 */
export function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  // Plain assignment is far cheaper; only `__proto__` needs a property definition.
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** A deep copy made only of fresh arrays and plain objects (own enumerable keys). */
export function deepCopy<T extends JsonValue>(value: T): T;
export function deepCopy(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item));
  if (value === null || typeof value !== 'object') return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) setOwn(copy, key, deepCopy(value[key] as JsonValue));
  return copy;
}

/** Structural equality of two JSON values (key order ignored, `1` ≠ `true`). */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => deepEqual(item, b[index]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => hasOwn(b, key) && deepEqual(a[key], b[key]));
}

/**
 * Checks, without recursion, that `value` is made only of JSON values and nests at most
 * {@link MAX_JSON_DEPTH} levels; otherwise 400 errno 107 naming `name` in the body. Run it before any
 * recursive helper so a hostile body cannot overflow the stack.
 */
export function assertJsonValue(value: unknown, name = ''): asserts value is JsonValue {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current === 'string' || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      if (Number.isFinite(current)) continue;
      throw invalidValue(name, 'Numbers must be finite');
    }
    if (typeof current !== 'object') throw invalidValue(name, 'Not a JSON value');
    if (depth >= MAX_JSON_DEPTH) {
      throw invalidValue(name, `Nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    const proto = Object.getPrototypeOf(current);
    if (proto !== Object.prototype && proto !== null) throw invalidValue(name, 'Not a JSON value');
    for (const key of Object.keys(current)) {
      stack.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
}

function invalidValue(name: string, description: string) {
  return invalidParameters({ location: 'body', name, description });
}

function pyString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\t', '\\t');
  return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote;
}

/**
 * Python's `repr()` of a JSON value (`{'a': True, 'b': None}`), which Kinto's validation messages
 * embed (`Unrecognized keys in mapping: "{'datta': {}}"`).
 */
export function pyRepr(value: JsonValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  const entries = Object.keys(value).map((key) => `${pyString(key)}: ${pyRepr(value[key] as JsonValue)}`);
  return `{${entries.join(', ')}}`;
}

/** Python's `str()` of a JSON value: strings as they are, everything else as {@link pyRepr}. */
export function pyStr(value: JsonValue | undefined): string {
  if (value === undefined) return 'None';
  return typeof value === 'string' ? value : pyRepr(value);
}
