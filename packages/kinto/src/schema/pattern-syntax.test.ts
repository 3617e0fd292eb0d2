import { describe, expect, it } from 'vitest';
import { estimatedProgramSize, toRe2Syntax } from './pattern-syntax.ts';

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

  it('F-KIN-SCH-01 the estimated program size bounds counted repetitions before compiling', () => {
    expect(estimatedProgramSize('abc')).toBe(3);
    expect(estimatedProgramSize('^[0-9a-f]{8}$')).toBeLessThan(20);
    expect(estimatedProgramSize('.{1,1000}')).toBeLessThan(2_000);
    expect(estimatedProgramSize('(?:[ab]{100}){10}')).toBeGreaterThan(1_000);
    expect(estimatedProgramSize('[ab]{1000}[ab]{1000}[ab]{1000}')).toBeGreaterThan(2_000);
    expect(estimatedProgramSize('(a|b|c)*')).toBeLessThan(10);
  });
});
