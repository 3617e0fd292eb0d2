/**
 * Key encoding: `escape(prefix) + ':' + key`, where `escape` doubles `\` and escapes `:` as `\:`.
 *
 * The first unescaped `:` ends the prefix, so distinct (prefix, key) pairs never share a Redis key:
 * `'a' + 'bkey'` is `a:bkey` while `'ab' + 'key'` is `ab:key`, and the empty prefix (`:key`) is a
 * namespace of its own. Plain concatenation, as in Kinto, would make both of those pairs `abkey`.
 */

function escapePrefix(prefix: string): string {
  return prefix.replace(/[\\:]/g, (char) => `\\${char}`);
}

/** The Redis key holding `key` of the cache with `prefix`. */
export function encodeKey(prefix: string, key: string): string {
  return `${escapePrefix(prefix)}:${key}`;
}

/**
 * A `SCAN ... MATCH` glob matching exactly the Redis keys of `prefix`: the encoded prefix with the
 * glob's special characters escaped, then `:*`.
 */
export function prefixPattern(prefix: string): string {
  return `${escapePrefix(prefix).replace(/[\\*?[\]^]/g, (char) => `\\${char}`)}:*`;
}
