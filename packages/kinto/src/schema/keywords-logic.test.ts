import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

describe('combinators and boolean schemas (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 allOf reports the first failing subschema’s own error', () => {
    const schema = { properties: { n: { allOf: [{ type: 'integer' }, { minimum: 3 }] } } };
    expect(validation({ n: 4 }, schema)).toBe('valid');
    expect(validation({ n: 2 }, schema)).toEqual(refused('n', '2 is less than the minimum of 3'));
    expect(validation(2, { allOf: [true, false] })).toEqual(
      refused('allOf', 'False schema does not allow 2'),
    );
  });

  it('F-KIN-SCH-01 anyOf and oneOf: none valid, or several valid for oneOf', () => {
    const any = { properties: { v: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } };
    expect(validation({ v: 1 }, any)).toBe('valid');
    expect(validation({ v: 1.5 }, any)).toEqual(
      refused('v', '1.5 is not valid under any of the given schemas'),
    );
    const one = { properties: { v: { oneOf: [{ type: 'integer' }, { minimum: 2 }, { maximum: 0 }] } } };
    expect(validation({ v: 1 }, one)).toBe('valid');
    expect(validation({ v: 0.5 }, one)).toEqual(
      refused('v', '0.5 is not valid under any of the given schemas'),
    );
    expect(validation({ v: 3 }, one)).toEqual(
      refused('v', "3 is valid under each of {'minimum': 2}, {'type': 'integer'}"),
    );
  });

  it('F-KIN-SCH-01 not: the schema shown as Python shows it', () => {
    const schema = { properties: { v: { not: { type: 'string', enum: ['a', null] } } } };
    expect(validation({ v: 'b' }, schema)).toBe('valid');
    expect(validation({ v: 'a' }, schema)).toEqual(
      refused('v', "'a' should not be valid under {'type': 'string', 'enum': ['a', None]}"),
    );
    expect(validation({ v: 1 }, { properties: { v: { not: true } } })).toEqual(
      refused('v', '1 should not be valid under True'),
    );
  });

  it('F-KIN-SCH-01 if/then/else, evaluated where `if` stands', () => {
    const schema = {
      properties: {
        // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
        v: { if: { type: 'integer' }, then: { minimum: 10 }, else: { type: 'string' }, maximum: 5 },
      },
    };
    expect(validation({ v: 'x' }, schema)).toBe('valid');
    expect(validation({ v: 3 }, schema)).toEqual(refused('v', '3 is less than the minimum of 10'));
    expect(validation({ v: [] }, schema)).toEqual(refused('v', "[] is not of type 'string'"));
    expect(validation({ v: 12 }, schema)).toEqual(refused('v', '12 is greater than the maximum of 5'));
    // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited.
    expect(validation({ v: 3 }, { then: false })).toBe('valid');
  });

  it('F-KIN-SCH-01 boolean schemas: true accepts anything, false names the property', () => {
    expect(validation({ a: 1 }, { properties: { a: true } })).toBe('valid');
    expect(validation({ a: 1 }, { properties: { a: false } })).toEqual(
      refused('a', 'False schema does not allow 1'),
    );
    expect(validation({}, { properties: { a: false } })).toBe('valid');
    expect(validation('x', true)).toBe('valid');
    expect(validation('x', false)).toEqual(refused('schema', "False schema does not allow 'x'"));
  });

  it('F-KIN-SCH-01 keywords run in the schema’s key order (the first error is Python’s)', () => {
    expect(validation({ s: 'toolong' }, { properties: { s: { maxLength: 2, type: 'integer' } } })).toEqual(
      refused('s', "'toolong' is too long"),
    );
    expect(validation({ s: 'toolong' }, { properties: { s: { type: 'integer', maxLength: 2 } } })).toEqual(
      refused('s', "'toolong' is not of type 'integer'"),
    );
    expect(validation({}, { minProperties: 1, required: ['a'] })).toEqual(
      refused('minProperties', '{} should be non-empty'),
    );
  });
});
