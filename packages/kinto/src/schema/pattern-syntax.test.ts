import { describe, expect, it } from 'vitest';
import { toRe2Syntax } from './pattern-syntax.ts';

describe('pattern syntax: ECMA/Python patterns for RE2 (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 \\u escapes, \\Z and Unicode classes are rewritten; escaped backslashes are not', () => {
    expect(toRe2Syntax('^\\u00e9$')).toBe('^\\x{e9}$');
    expect(toRe2Syntax('\\ud83d\\ude00')).toBe('\\x{1f600}');
    expect(toRe2Syntax('a\\Z')).toBe('a\\z');
    expect(toRe2Syntax('\\d')).toBe('\\p{Nd}');
    expect(toRe2Syntax('[\\d.]')).toBe('[\\p{Nd}.]');
    expect(toRe2Syntax('\\\\d')).toBe('\\\\d');
    expect(toRe2Syntax('[]\\w]')).toBe('[]_\\p{L}\\p{N}]');
    expect(toRe2Syntax('\\W')).toBe('[^\\p{L}\\p{N}_]');
  });
});
