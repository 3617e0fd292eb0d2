import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

const at = (schema: object) => ({ properties: { s: schema } });

describe('string keywords (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 maxLength and minLength count code points, as Python does', () => {
    expect(validation({ s: '😀😀' }, at({ maxLength: 2, minLength: 2 }))).toBe('valid');
    expect(validation({ s: 'abc' }, at({ maxLength: 2 }))).toEqual(refused('s', "'abc' is too long"));
    expect(validation({ s: 'a' }, at({ maxLength: 0 }))).toEqual(refused('s', "'a' is expected to be empty"));
    expect(validation({ s: 'ab' }, at({ minLength: 3 }))).toEqual(refused('s', "'ab' is too short"));
    expect(validation({ s: '' }, at({ minLength: 1 }))).toEqual(refused('s', "'' should be non-empty"));
    expect(validation({ s: '😀' }, at({ minLength: 2 }))).toEqual(refused('s', "'😀' is too short"));
    expect(validation({ s: 12345 }, at({ maxLength: 2 }))).toBe('valid');
  });

  it('F-KIN-SCH-01 pattern: an unanchored search, Python-style escapes', () => {
    expect(validation({ s: 'xaby' }, at({ pattern: 'ab' }))).toBe('valid');
    expect(validation({ s: 'aab' }, at({ pattern: '^(a+)+$' }))).toEqual(
      refused('s', "'aab' does not match '^(a+)+$'"),
    );
    expect(validation({ s: 'é' }, at({ pattern: '^\\u00e9$' }))).toBe('valid');
    expect(validation({ s: '😀' }, at({ pattern: '^\\ud83d\\ude00$' }))).toBe('valid');
    expect(validation({ s: '٣' }, at({ pattern: '^\\d$' }))).toBe('valid'); // Python's \d is Unicode
    expect(validation({ s: 'é_1' }, at({ pattern: '^\\w+$' }))).toBe('valid');
    expect(validation({ s: 'a\u00a0b' }, at({ pattern: '^a\\sb$' }))).toBe('valid');
    expect(validation({ s: 'ab' }, at({ pattern: 'b\\Z' }))).toBe('valid');
    expect(validation({ s: 'a\\b' }, at({ pattern: '^a\\\\b$' }))).toBe('valid');
    expect(validation({ s: 5 }, at({ pattern: '^x$' }))).toBe('valid');
  });

  it('F-KIN-SCH-01 format is an annotation for records (no format checker, as in Kinto)', () => {
    expect(validation({ s: 'not an email' }, at({ format: 'email' }))).toBe('valid');
    expect(validation({ s: '(?=a)' }, at({ format: 'regex' }))).toBe('valid');
  });
});
