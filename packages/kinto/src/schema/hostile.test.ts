import { describe, expect, it } from 'vitest';
import { refused, schemaCheck, validation } from '../testing/schema-outcome.ts';

const BUDGET = 'validation exceeds its step budget: the schema costs too much to evaluate against this data';
const DEPTH = 'schema evaluation nests deeper than 1000 levels (a $ref cycle?)';
const CYCLE = '$ref cycle: the schema would recurse without end on the same value';
const EXPANDS = 'the schema expands to more than 10000 evaluations per value';

/** `d0` a string, each `d<n>` the `allOf` of two `$ref`s to `d<n-1>`: 2^levels paths per value. */
function doublingDag(levels: number): Record<string, object> {
  const definitions: Record<string, object> = { d0: { type: 'string' } };
  for (let level = 1; level <= levels; level += 1) {
    const previous = `#/definitions/d${level - 1}`;
    definitions[`d${level}`] = { allOf: [{ $ref: previous }, { $ref: previous }] };
  }
  return definitions;
}

function nested(depth: number, leaf: object): object {
  let schema: object = leaf;
  for (let level = 0; level < depth; level += 1) schema = { properties: { a: schema } };
  return schema;
}

describe('hostile schemas and data answer 400 in bounded work (issue 22, F-KIN-SCH-01)', () => {
  // On a backtracking engine these take 2^40 steps and more: the test would hang.
  it('F-KIN-SCH-01 catastrophic-backtracking patterns run in linear time', () => {
    const schema = { properties: { f: { pattern: '^(a+)+$' } } };
    expect(validation({ f: `${'a'.repeat(40)}b` }, schema)).toEqual(
      refused('f', `'${'a'.repeat(40)}b' does not match '^(a+)+$'`),
    );
    expect(validation({ f: `${'a'.repeat(100_000)}b` }, schema)).toEqual(
      refused('f', `'${'a'.repeat(100_000)}b' does not match '^(a+)+$'`),
    );
    expect(validation({ f: 'a'.repeat(100_000) }, schema)).toBe('valid');
    const keys = { patternProperties: { '^(a|aa)+$': { type: 'integer' } }, additionalProperties: false };
    expect(validation({ [`${'a'.repeat(60)}b`]: 1 }, keys).valueOf()).toEqual(
      refused('additionalProperties', `'${'a'.repeat(60)}b' does not match any of the regexes: '^(a|aa)+$'`),
    );
  });

  it('F-KIN-SCH-02 lookarounds and backreferences are refused when stored, anywhere in the schema', () => {
    for (const schema of [
      { pattern: '(?=a)' },
      { properties: { x: { pattern: '(a)\\1' } } },
      { patternProperties: { '(?!a)': {} } },
      { definitions: { d: { additionalProperties: { pattern: '(?<=a)b' } } } },
    ]) {
      const outcome = schemaCheck('record:schema', schema);
      expect(outcome).toMatchObject({ status: 400, errno: 107, name: 'data.record:schema' });
      expect(outcome).toMatchObject({ description: expect.stringContaining("is not a 'regex'") });
    }
  });

  it('F-KIN-SCH-01 uniqueItems is linear: 8,000 distinct objects, then one duplicate at the end', () => {
    const items = Array.from({ length: 8_000 }, (_, index) => ({ id: index, tags: ['a', { n: index }] }));
    const schema = { properties: { list: { uniqueItems: true } } };
    expect(validation({ list: items }, schema)).toBe('valid');
    const duplicated = [...items, { tags: ['a', { n: 7_999 }], id: 7_999 }];
    expect(validation({ list: duplicated }, schema)).toMatchObject({
      status: 400,
      name: 'list',
      description: expect.stringMatching(/has non-unique elements$/),
    });
  });

  it('F-KIN-SCH-01 a $ref DAG that doubles at each of 40 levels is refused before any evaluation', () => {
    const schema = { definitions: doublingDag(40), properties: { n: { $ref: '#/definitions/d40' } } };
    expect(schemaCheck('schema', schema)).toEqual(refused('data.schema', EXPANDS));
    // A schema stored before the check: refused at its first compilation, at once.
    expect(validation({ n: 'x' }, schema)).toEqual(refused('schema', EXPANDS));
  });

  it('F-KIN-SCH-01 a DAG just under the static bound, over many values, still stops at the step budget', () => {
    // d11 expands to 2^13 - 3 = 8,189 evaluations per value: accepted, but 500 items cost ~4M steps.
    const schema = {
      definitions: doublingDag(11),
      properties: { list: { items: { $ref: '#/definitions/d11' } } },
    };
    expect(schemaCheck('schema', schema)).toBe('valid');
    expect(validation({ list: ['x'] }, schema)).toBe('valid');
    expect(validation({ list: Array.from({ length: 500 }, () => 'x') }, schema)).toEqual(
      refused('schema', BUDGET),
    );
  });

  it('F-KIN-SCH-01 $ref cycles are refused before any evaluation, never a stack overflow', () => {
    expect(validation({}, { $ref: '#' })).toEqual(refused('schema', CYCLE));
    const mutual = {
      definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } },
      $ref: '#/definitions/a',
    };
    expect(validation(1, mutual)).toEqual(refused('schema', CYCLE));
    expect(validation({ x: 1 }, { properties: { x: { allOf: [{ $ref: '#/properties/x' }] } } })).toEqual(
      refused('schema', CYCLE),
    );
  });

  it('F-KIN-SCH-01 a schema nested 10,000 levels answers 400 (validation and storage), no RangeError', () => {
    const deep = nested(10_000, { type: 'string' });
    expect(validation({ a: 1 }, deep)).toEqual(refused('schema', 'the schema nests deeper than 512 levels'));
    expect(schemaCheck('record:schema', deep)).toEqual(
      refused('data.record:schema', 'the schema nests deeper than 512 levels'),
    );
  });

  it('F-KIN-SCH-01 data nested 10,000 levels under a recursive schema answers 400, no RangeError', () => {
    let data: unknown = 1;
    for (let level = 0; level < 10_000; level += 1) data = [data];
    expect(validation(data, { items: { $ref: '#' } })).toEqual(refused('schema', DEPTH));
  });
});
