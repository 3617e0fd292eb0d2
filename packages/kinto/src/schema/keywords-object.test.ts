import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

describe('object keywords (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 required: names the missing property, the first one in the list', () => {
    expect(validation({ title: 'x' }, { required: ['title'] })).toBe('valid');
    expect(validation({}, { required: ['title', 'size'] })).toEqual(
      refused('title', "'title' is a required property"),
    );
    expect(validation({ title: 1 }, { required: ['title', 'size'] })).toEqual(
      refused('size', "'size' is a required property"),
    );
    expect(validation({ author: {} }, { properties: { author: { required: ['name'] } } })).toEqual(
      refused('name', "'name' is a required property"),
    );
  });

  it('F-KIN-SCH-01 properties in schema order; maxProperties, minProperties', () => {
    const schema = { properties: { b: { type: 'string' }, a: { type: 'string' } } };
    expect(validation({ a: 1, b: 2 }, schema)).toEqual(refused('b', "2 is not of type 'string'"));
    expect(validation({ a: 1, b: 2 }, { maxProperties: 1 })).toEqual(
      refused('maxProperties', "{'a': 1, 'b': 2} has too many properties"),
    );
    expect(validation({ a: 1 }, { maxProperties: 0 })).toEqual(
      refused('maxProperties', "{'a': 1} is expected to be empty"),
    );
    expect(validation({}, { minProperties: 1 })).toEqual(refused('minProperties', '{} should be non-empty'));
    expect(validation({ a: 1 }, { minProperties: 2 })).toEqual(
      refused('minProperties', "{'a': 1} does not have enough properties"),
    );
  });

  it('F-KIN-SCH-01 additionalProperties: both python-jsonschema wordings, sorted names', () => {
    expect(validation({ foo: 1 }, { properties: { a: {} }, additionalProperties: false })).toEqual(
      refused('additionalProperties', "Additional properties are not allowed ('foo' was unexpected)"),
    );
    expect(validation({ b: 1, a: 2 }, { additionalProperties: false })).toEqual(
      refused('additionalProperties', "Additional properties are not allowed ('a', 'b' were unexpected)"),
    );
    expect(
      validation({ x1: 1, foo: 1 }, { patternProperties: { '^x': {} }, additionalProperties: false }),
    ).toEqual(refused('additionalProperties', "'foo' does not match any of the regexes: '^x'"));
    expect(validation({ n: 'a' }, { additionalProperties: { type: 'integer' } })).toEqual(
      refused('n', "'a' is not of type 'integer'"),
    );
    expect(
      validation(
        { n: 1, x2: 'a' },
        { patternProperties: { '\\d': { type: 'string' } }, additionalProperties: { type: 'integer' } },
      ),
    ).toBe('valid');
  });

  it('F-KIN-SCH-01 patternProperties: matching keys validated, the key names the field', () => {
    const schema = { patternProperties: { '^s_': { type: 'string' } } };
    expect(validation({ s_a: 'x', other: 1 }, schema)).toBe('valid');
    expect(validation({ s_a: 1 }, schema)).toEqual(refused('s_a', "1 is not of type 'string'"));
  });

  it('F-KIN-SCH-01 dependencies: array and schema forms', () => {
    const schema = { dependencies: { foo: ['bar'], card: { required: ['billing'] } } };
    expect(validation({ foo: 1, bar: 2 }, schema)).toBe('valid');
    expect(validation({ bar: 2 }, schema)).toBe('valid');
    expect(validation({ foo: 1 }, schema)).toEqual(refused('dependencies', "'bar' is a dependency of 'foo'"));
    expect(validation({ card: 1 }, schema)).toEqual(refused('billing', "'billing' is a required property"));
    expect(validation({ x: { card: 1 } }, { properties: { x: { dependencies: { card: false } } } })).toEqual(
      refused('x', "False schema does not allow {'card': 1}"),
    );
  });

  it('F-KIN-SCH-01 propertyNames: the object names the field', () => {
    const schema = { properties: { tags: { propertyNames: { maxLength: 3 } } } };
    expect(validation({ tags: { abc: 1 } }, schema)).toBe('valid');
    expect(validation({ tags: { abcd: 1 } }, schema)).toEqual(refused('tags', "'abcd' is too long"));
  });

  it('F-KIN-SCH-01 a __proto__ key is an ordinary key, in data and in schemas', () => {
    const data = JSON.parse('{"__proto__": {"admin": true}, "name": "x"}');
    expect(validation(data, { required: ['__proto__'] })).toBe('valid');
    expect(validation(data, JSON.parse('{"properties": {"__proto__": {"type": "string"}}}'))).toEqual(
      refused('__proto__', "{'admin': True} is not of type 'string'"),
    );
    expect(validation({ name: 'x' }, { required: ['__proto__'] })).toEqual(
      refused('__proto__', "'__proto__' is a required property"),
    );
    expect(validation({ toString: 1 }, { additionalProperties: false, properties: {} })).toEqual(
      refused('additionalProperties', "Additional properties are not allowed ('toString' was unexpected)"),
    );
    expect(validation({ a: 1 }, { properties: { constructor: { type: 'string' } } })).toBe('valid');
    expect(
      validation(data, {
        additionalProperties: false,
        properties: JSON.parse('{"__proto__": {}, "name": {}}'),
      }),
    ).toBe('valid');
  });
});
