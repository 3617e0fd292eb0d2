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

interface Group {
  done: number; // alternatives closed so far
  current: number; // the alternative being read
  last: number; // the last atom of `current`, which a quantifier repeats
}

const COUNTED = /^\{(\d+)(,(\d*))?\}/;

/** Index just past the character class opening at `start` (`[`), escapes and `[:alpha:]` included. */
function classEnd(source: string, start: number): number {
  let index = start + 1;
  if (source[index] === '^') index += 1;
  if (source[index] === ']') index += 1;
  while (index < source.length && source[index] !== ']') {
    if (source[index] === '\\') index += 2;
    else if (source.startsWith('[:', index)) index = Math.max(source.indexOf(':]', index + 2) + 2, index + 1);
    else index += 1;
  }
  return index + 1;
}

/**
 * An upper bound of the size of the RE2 program for `source`, read without compiling it: atoms count
 * one, groups the sum of their alternatives, a counted repetition `{n,m}` multiplies its atom. It lets
 * a pattern that would compile into a huge program (compiling costs about a microsecond per
 * instruction, and matching is linear in the input times the program) be refused before compiling.
 */
export function estimatedProgramSize(source: string): number {
  const stack: Group[] = [{ done: 0, current: 0, last: 0 }];
  const atom = (size: number) => {
    const group = stack.at(-1)!;
    group.current += size;
    group.last = size;
  };
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    const group = stack.at(-1)!;
    if (char === '\\') {
      const next = source[index + 1];
      const braced = (next === 'x' || next === 'p' || next === 'P') && source[index + 2] === '{';
      index = braced ? source.indexOf('}', index) + 1 || source.length : index + 2;
      atom(1);
    } else if (char === '[') {
      index = classEnd(source, index);
      atom(1);
    } else if (char === '(') {
      stack.push({ done: 0, current: 0, last: 0 });
      index += 1;
    } else if (char === ')' && stack.length > 1) {
      stack.pop();
      atom(group.done + group.current + 1);
      index += 1;
    } else if (char === '|') {
      group.done += group.current + 1;
      group.current = 0;
      group.last = 0;
      index += 1;
    } else if (char === '*' || char === '+' || char === '?') {
      group.current += 1;
      index += 1;
    } else {
      const counted = char === '{' ? COUNTED.exec(source.slice(index, index + 24)) : null;
      if (counted) {
        const times = Math.max(Number(counted[1]), Number(counted[3] || 0));
        group.current += group.last * Math.max(times - 1, 0) + 1;
        group.last *= Math.max(times, 1);
        index += counted[0].length;
      } else {
        atom(1);
        index += 1;
      }
    }
  }
  while (stack.length > 1) {
    const group = stack.pop()!;
    atom(group.done + group.current + 1);
  }
  const root = stack[0]!;
  return root.done + root.current;
}
