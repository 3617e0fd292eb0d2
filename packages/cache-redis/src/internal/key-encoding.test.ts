import { describe, expect, it } from 'vitest';
import { encodeKey, prefixPattern } from './key-encoding.ts';

/** Redis' glob (`stringmatchlen`) restricted to what `prefixPattern` emits: literals, `\x`, a final `*`. */
function globMatches(pattern: string, text: string): boolean {
  let i = 0;
  let j = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === '*' && i === pattern.length - 1) return true;
    const literal = char === '\\' ? pattern[++i] : char;
    if (text[j] !== literal) return false;
    i += 1;
    j += 1;
  }
  return j === text.length;
}

const PREFIXES = ['', 'a', 'ab', 'a:', 'a\\', 'a\\:', ':', '\\', 'a*', 'a?', '[ab]', '^x', 'kinto_', 'é'];
const KEYS = ['', 'key', 'bkey', ':key', '\\:key', '*', 'b'];

describe('key encoding', () => {
  it('separates the prefix from the key with the first unescaped colon', () => {
    expect(encodeKey('a', 'bkey')).toBe('a:bkey');
    expect(encodeKey('ab', 'key')).toBe('ab:key');
    expect(encodeKey('', 'key')).toBe(':key');
    expect(encodeKey('a:b', 'c')).toBe('a\\:b:c');
    expect(encodeKey('a\\', 'c')).toBe('a\\\\:c');
  });

  it('is injective over (prefix, key) pairs', () => {
    const seen = new Map<string, string>();
    for (const prefix of PREFIXES) {
      for (const key of KEYS) {
        const encoded = encodeKey(prefix, key);
        const pair = JSON.stringify([prefix, key]);
        expect(seen.get(encoded) ?? pair).toBe(pair);
        seen.set(encoded, pair);
      }
    }
  });

  it('builds a SCAN pattern matching exactly the keys of its prefix', () => {
    for (const prefix of PREFIXES) {
      const pattern = prefixPattern(prefix);
      for (const other of PREFIXES) {
        for (const key of KEYS) {
          expect(globMatches(pattern, encodeKey(other, key)), `${pattern} vs ${other}+${key}`).toBe(
            other === prefix,
          );
        }
      }
    }
  });
});
