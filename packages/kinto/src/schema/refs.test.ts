import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

describe('$ref (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 JSON pointers into definitions, escapes, and `#`', () => {
    const schema = {
      definitions: { 'a/b': { type: 'integer' }, 'c~d': { type: 'string' }, 'sp ace': { minimum: 1 } },
      properties: {
        x: { $ref: '#/definitions/a~1b' },
        y: { $ref: '#/definitions/c~0d' },
        z: { $ref: '#/definitions/sp%20ace' },
        tree: { properties: { child: { $ref: '#/properties/tree' } }, required: ['leaf'] },
        list: { items: [{ type: 'string' }, { $ref: '#/properties/list/items/0' }] },
      },
    };
    expect(
      validation({ x: 1, y: 'a', z: 2, tree: { leaf: 1, child: { leaf: 2 } }, list: ['a', 'b'] }, schema),
    ).toBe('valid');
    expect(validation({ x: 'no' }, schema)).toEqual(refused('x', "'no' is not of type 'integer'"));
    expect(validation({ y: 1 }, schema)).toEqual(refused('y', "1 is not of type 'string'"));
    expect(validation({ z: 0 }, schema)).toEqual(refused('z', '0 is less than the minimum of 1'));
    expect(validation({ tree: { leaf: 1, child: { child: {} } } }, schema)).toEqual(
      refused('leaf', "'leaf' is a required property"),
    );
    expect(validation({ list: ['a', 2] }, schema)).toEqual(refused('1', "2 is not of type 'string'"));
  });

  it('F-KIN-SCH-01 a $ref makes its siblings ignored (draft 7)', () => {
    const schema = {
      definitions: { int: { type: 'integer' } },
      properties: { n: { $ref: '#/definitions/int', maximum: 1 } },
    };
    expect(validation({ n: 5 }, schema)).toBe('valid');
  });

  it('F-KIN-SCH-01 $id base URIs, plain-name anchors and the draft-07 meta-schema', () => {
    const schema = {
      $id: 'http://example.com/root.json',
      definitions: {
        A: { $id: '#foo', type: 'integer' },
        B: { $id: 'other.json', definitions: { X: { type: 'string' } } },
      },
      properties: {
        a: { $ref: '#foo' },
        b: { $ref: 'other.json#/definitions/X' },
        c: { $ref: 'http://example.com/root.json#/definitions/A' },
        s: { $ref: 'http://json-schema.org/draft-07/schema#' },
      },
    };
    expect(validation({ a: 1, b: 'x', c: 2, s: { type: 'object' } }, schema)).toBe('valid');
    expect(validation({ a: 'x' }, schema)).toEqual(refused('a', "'x' is not of type 'integer'"));
    expect(validation({ b: 1 }, schema)).toEqual(refused('b', "1 is not of type 'string'"));
    expect(validation({ s: { type: 'nope' } }, schema)).toEqual(
      refused('type', "'nope' is not valid under any of the given schemas"),
    );
  });

  it('F-KIN-SCH-01 an unresolvable $ref answers 400 naming schema, when it is followed', () => {
    const schema = {
      properties: { a: { $ref: '#/definitions/missing' }, b: { $ref: 'http://remote.example/s.json' } },
    };
    expect(validation({}, schema)).toBe('valid');
    expect(validation({ a: 1 }, schema)).toEqual(
      refused(
        'schema',
        "'/definitions/missing' does not exist within {'properties': {'a': {'$ref': '#/definitions/missing'}, 'b': {'$ref': 'http://remote.example/s.json'}}}",
      ),
    );
    expect(validation({ b: 1 }, schema)).toEqual(
      refused('schema', 'Unresolvable: http://remote.example/s.json'),
    );
  });
});
