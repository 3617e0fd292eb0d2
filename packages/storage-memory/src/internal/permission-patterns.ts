/** Matches one object id against a `getAccessibleObjects` pattern. */
export type ObjectIdMatcher = (objectId: string) => boolean;

const REGEX_SPECIALS = /[\\^$.*+?()[\]{}|]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}

/**
 * Compiles a `getAccessibleObjects` pattern: `*` matches one or more characters other than `/` when
 * `withChildren` is `false`, any run of characters (as in Kinto, possibly empty) when it is `true`;
 * every other character matches itself only.
 */
export function compileObjectPattern(pattern: string, withChildren: boolean): ObjectIdMatcher {
  if (!pattern.includes('*')) return (objectId) => objectId === pattern;
  const wildcard = withChildren ? '[^]*' : '[^/]+';
  const source = pattern.split('*').map(escapeRegex).join(wildcard);
  // `u` so that a code point outside the BMP counts as one character for `[^/]+`.
  const regex = new RegExp(`^${source}$`, 'u');
  return (objectId) => regex.test(objectId);
}

/**
 * The id prefix a `deleteObjectPermissions` id stands for when it ends in `/*` (`/buckets/a/*` →
 * `/buckets/a/`), or `undefined` for a plain id. Matching by this prefix (never by `/buckets/a`)
 * keeps `/buckets/ab` safe.
 */
export function descendantPrefix(objectId: string): string | undefined {
  return objectId.endsWith('/*') ? objectId.slice(0, -1) : undefined;
}

// Maps UTF-16 code units so that comparing them orders strings by code point: surrogates (which
// encode code points above U+FFFF) must sort after U+E000..U+FFFF.
function fixup(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Compares two strings in Unicode code-point order. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

/** A sorted (code-point order), duplicate-free array of `values`. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}
