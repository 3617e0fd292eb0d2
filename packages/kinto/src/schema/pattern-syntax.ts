const HEX4 = /^[0-9a-fA-F]{4}$/;

function hex4At(source: string, index: number): number | undefined {
  if (source[index] !== '\\' || source[index + 1] !== 'u') return undefined;
  const digits = source.slice(index + 2, index + 6);
  return HEX4.test(digits) ? Number.parseInt(digits, 16) : undefined;
}

// Python's `re` (Kinto's engine) gives `\d`, `\w` and `\s` their Unicode meaning; RE2's are ASCII.
const SPACES =
  '\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}';
const IN_CLASS: Readonly<Record<string, string>> = {
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  w: '_\\p{L}\\p{N}',
  s: SPACES,
};
const OUTSIDE: Readonly<Record<string, string>> = {
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  w: '[\\p{L}\\p{N}_]',
  W: '[^\\p{L}\\p{N}_]',
  s: `[${SPACES}]`,
  S: `[^${SPACES}]`,
  Z: '\\z', // Python's end of string
};

/**
 * Rewrites what JSON Schema patterns (ECMA-262) or Python's `re` spell differently from RE2:
 * `\uXXXX` (a surrogate pair as one code point) becomes `\x{…}`, Python's `\Z` becomes `\z`, and
 * `\d`, `\w`, `\s` (and their negations outside classes) match Unicode as in Python. Everything else is
 * left to RE2, which refuses what it cannot run in linear time.
 */
export function toRe2Syntax(source: string): string {
  let out = '';
  let index = 0;
  let inClass = false;
  while (index < source.length) {
    const char = source[index]!;
    if (char !== '\\') {
      if (char === '[' && !inClass) {
        inClass = true;
        const start = index;
        index += source[index + 1] === '^' ? 2 : 1;
        if (source[index] === ']') index += 1; // a leading `]` is literal
        out += source.slice(start, index);
        continue;
      }
      if (char === ']') inClass = false;
      out += char;
      index += 1;
      continue;
    }
    let code = hex4At(source, index);
    if (code !== undefined) {
      index += 6;
      const low = code >= 0xd800 && code <= 0xdbff ? hex4At(source, index) : undefined;
      if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        index += 6;
      }
      out += `\\x{${code.toString(16)}}`;
      continue;
    }
    const next = source[index + 1] ?? '';
    const table = inClass ? IN_CLASS : OUTSIDE;
    out += Object.hasOwn(table, next) ? table[next] : source.slice(index, index + 2);
    index += 2;
  }
  return out;
}
