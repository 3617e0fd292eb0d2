import type { JsonObject, JsonValue } from '@core/contracts';

/** Rank of a value in the cross-type order; `undefined` (a missing field) ranks last. */
export function typeRank(value: JsonValue | undefined): number {
  if (value === undefined) return 6;
  if (value === null) return 0;
  switch (typeof value) {
    case 'string':
      return 1;
    case 'number':
      return 2;
    case 'boolean':
      return 3;
    default:
      return Array.isArray(value) ? 4 : 5;
  }
}

/** Whether a UTF-16 unit is half of a surrogate pair (a code point above U+FFFF). */
function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * Compares strings by Unicode code point. Plain `<` compares UTF-16 units, which puts U+10000 and
 * above (surrogates, 0xD800-0xDFFF) before U+E000-U+FFFF; only that case needs fixing.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xe000 && isSurrogate(y)) return -1;
    if (y >= 0xe000 && isSurrogate(x)) return 1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

const ABOVE_SURROGATES = /[\uD800-\uFFFF]/;

/**
 * Rewrites `text` so that plain UTF-16 comparison (`<`) of rewritten strings orders the originals
 * by code point: units U+E000-U+FFFF move down by 0x800 and surrogates move up by 0x2000 (above
 * them), a bijection on units that keeps every other order. Strings without such units are
 * returned as they are.
 */
export function codePointSortable(text: string): string {
  if (!ABOVE_SURROGATES.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out += String.fromCharCode(unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);
  }
  return out;
}

function compareArrays(a: readonly JsonValue[], b: readonly JsonValue[]): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    const order = compareJson(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

function sortedKeys(object: JsonObject): string[] {
  return Object.keys(object).sort(compareStrings);
}

function compareObjects(a: JsonObject, b: JsonObject): number {
  const keysA = sortedKeys(a);
  const keysB = sortedKeys(b);
  if (keysA.length !== keysB.length) return keysA.length < keysB.length ? -1 : 1;
  for (let i = 0; i < keysA.length; i++) {
    const keyOrder = compareStrings(keysA[i]!, keysB[i]!);
    if (keyOrder !== 0) return keyOrder;
  }
  for (const key of keysA) {
    const order = compareJson(a[key], b[key]);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * The total order of `TYPE_ORDER`: null < strings < numbers < booleans < arrays < objects < missing
 * (`undefined`). Strings by code point, numbers numerically, false < true. Arrays, like PostgreSQL's
 * jsonb, compare by length then element-wise; objects by key count, then sorted keys, then values.
 * Deeply equal values (key order ignored) compare 0.
 */
export function compareJson(a: JsonValue | undefined, b: JsonValue | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case 3:
      return a === b ? 0 : a === false ? -1 : 1;
    case 4:
      return compareArrays(a as JsonValue[], b as JsonValue[]);
    case 5:
      return compareObjects(a as JsonObject, b as JsonObject);
    default:
      return 0;
  }
}

/** Type-sensitive deep JSON equality (`1` ≠ `"1"`, object key order ignored). */
export function jsonEquals(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !jsonEquals(a[key], b[key])) return false;
  }
  return true;
}
