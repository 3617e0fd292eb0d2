import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

describe('type, enum, const (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 type: each JSON type, integer = Number.isInteger, lists of types', () => {
    expect(validation(1, { type: 'integer' })).toBe('valid');
    expect(validation(1.0, { type: 'integer' })).toBe('valid');
    expect(validation(1.5, { type: 'number' })).toBe('valid');
    expect(validation(null, { type: 'null' })).toBe('valid');
    expect(validation([], { type: 'array' })).toBe('valid');
    expect(validation({}, { type: 'object' })).toBe('valid');
    expect(validation('x', { type: ['number', 'string'] })).toBe('valid');
    expect(validation({ size: 'hi!' }, { properties: { size: { type: 'number' } } })).toEqual(
      refused('size', "'hi!' is not of type 'number'"),
    );
    expect(validation({ n: 1.5 }, { properties: { n: { type: 'integer' } } })).toEqual(
      refused('n', "1.5 is not of type 'integer'"),
    );
    expect(validation({ b: true }, { properties: { b: { type: 'number' } } })).toEqual(
      refused('b', "True is not of type 'number'"),
    );
    expect(validation({ v: null }, { properties: { v: { type: ['string', 'array'] } } })).toEqual(
      refused('v', "None is not of type 'string', 'array'"),
    );
    expect(validation([], { type: 'object' })).toEqual(refused('type', "[] is not of type 'object'"));
  });

  it('F-KIN-SCH-01 enum: JSON equality (true is not 1, key order ignored)', () => {
    expect(validation({ k: 'b' }, { properties: { k: { enum: ['a', 'b'] } } })).toBe('valid');
    expect(validation({ k: 'x' }, { properties: { k: { enum: ['a', 'b'] } } })).toEqual(
      refused('k', "'x' is not one of ['a', 'b']"),
    );
    expect(validation({ k: true }, { properties: { k: { enum: [1, 'a'] } } })).toEqual(
      refused('k', "True is not one of [1, 'a']"),
    );
    expect(validation({ k: 1 }, { properties: { k: { enum: [true] } } })).toEqual(
      refused('k', '1 is not one of [True]'),
    );
    expect(
      validation({ k: { b: [1, 2], a: null } }, { properties: { k: { enum: [{ a: null, b: [1, 2] }] } } }),
    ).toBe('valid');
    expect(validation({ k: [1, 2] }, { properties: { k: { enum: [[2, 1]] } } })).toEqual(
      refused('k', '[1, 2] is not one of [[2, 1]]'),
    );
  });

  it('F-KIN-SCH-01 const: JSON equality and python-jsonschema wording', () => {
    expect(validation({ c: { x: [true] } }, { properties: { c: { const: { x: [true] } } } })).toBe('valid');
    expect(validation({ c: 'x' }, { properties: { c: { const: 'y' } } })).toEqual(
      refused('c', "'y' was expected"),
    );
    expect(validation({ c: 0 }, { properties: { c: { const: false } } })).toEqual(
      refused('c', 'False was expected'),
    );
    expect(validation({ c: { x: [1] } }, { properties: { c: { const: { x: [true] } } } })).toEqual(
      refused('c', "{'x': [True]} was expected"),
    );
  });
});
