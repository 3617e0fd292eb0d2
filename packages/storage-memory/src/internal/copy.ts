/** Deeper than this, a value is handed to `structuredClone` (which also copes with cycles). */
const MAX_DEPTH = 64;

function copyAt<T>(value: T, depth: number): T {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    const source = value as unknown[];
    const out = new Array(source.length);
    for (let i = 0; i < source.length; i++) out[i] = copyAt(source[i], depth + 1);
    return out as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const copy = copyAt((value as Record<string, unknown>)[key], depth + 1);
    // An own `__proto__` key (JSON.parse makes them) is data: assigning it would set the prototype.
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    } else out[key] = copy;
  }
  return out as T;
}

/**
 * A deep copy of a JSON value (plain objects, arrays, primitives), several times cheaper than
 * `structuredClone`, which serialises every value: strings are immutable, so they are shared, and
 * only objects and arrays are rebuilt. Anything else (a `Date`, a `Map`, a class instance, a very
 * deep or cyclic value) goes through `structuredClone`, with its result and its errors — functions
 * and symbols as values are returned as they are (callers pass JSON).
 */
export function copyJson<T>(value: T): T {
  return copyAt(value, 0);
}
