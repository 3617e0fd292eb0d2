import { describe, expect, it } from 'vitest';
import { HOSTILE_SCHEMAS, RECURSIVE_SCHEMAS } from '../testing/hostile-schemas.ts';
import { refused, schemaCheck, validation } from '../testing/schema-outcome.ts';
import { DRAFT_07_META_SCHEMA } from './draft-07.ts';

describe('checkSchemaField: stored schemas are draft-07 schemas that can run (F-KIN-SCH-02)', () => {
  it('F-KIN-SCH-02 valid schemas pass; errors name the field with Kinto’s "<path><message>" description', () => {
    expect(
      schemaCheck('schema', { type: 'object', properties: { a: { type: 'string', pattern: '^[a-z]+$' } } }),
    ).toBe('valid');
    expect(schemaCheck('collection:schema', { type: 'Washmachine' })).toEqual(
      refused('data.collection:schema', "type'Washmachine' is not valid under any of the given schemas"),
    );
    expect(schemaCheck('record:schema', { properties: { a: { minLength: -1 } } })).toEqual(
      refused('data.record:schema', 'minLength-1 is less than the minimum of 0'),
    );
    expect(schemaCheck('group:schema', { required: 'title' })).toEqual(
      refused('data.group:schema', "required'title' is not of type 'array'"),
    );
    expect(schemaCheck('schema', 5)).toEqual(
      refused('data.schema', '"5" is not a mapping type: Does not implement dict-like functionality.'),
    );
  });

  it('F-KIN-SCH-02 patterns RE2 cannot run are refused when the schema is stored, naming the field', () => {
    const reason = (pattern: string, problem: string) =>
      `${pattern} is not a 'regex' (unsupported by the linear-time RE2 engine: ${problem})`;
    expect(schemaCheck('schema', { pattern: '(?=a)' })).toEqual(
      refused('data.schema', `pattern${reason("'(?=a)'", 'invalid or unsupported Perl syntax: `(?=`')}`),
    );
    expect(
      schemaCheck('record:schema', { properties: { a: { properties: { b: { pattern: '(a)\\1' } } } } }),
    ).toEqual(
      refused('data.record:schema', `pattern${reason("'(a)\\\\1'", 'invalid escape sequence: `\\1`')}`),
    );
    // Under `items` the meta-schema's anyOf reports, as python-jsonschema does.
    expect(schemaCheck('record:schema', { items: { pattern: '(a)\\1' } })).toEqual(
      refused(
        'data.record:schema',
        "items{'pattern': '(a)\\\\1'} is not valid under any of the given schemas",
      ),
    );
    expect(schemaCheck('schema', { patternProperties: { '(?<!x)y': {} } })).toEqual(
      refused('data.schema', `patternProperties${reason("'(?<!x)y'", 'invalid named capture: `(?<!x)y`')}`),
    );
    expect(schemaCheck('schema', { definitions: { d: { not: { pattern: 'a{1001}' } } } })).toEqual(
      refused('data.schema', `pattern${reason("'a{1001}'", 'invalid repeat count: `{1001}`')}`),
    );
    expect(schemaCheck('schema', { pattern: '[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}' })).toEqual(
      refused(
        'data.schema',
        `pattern${reason("'[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}'", 'expression too large (over 4000 instructions)')}`,
      ),
    );
  });

  it('F-KIN-SCH-02 a pattern the meta-schema does not reach but $ref does is refused too', () => {
    const schema = { properties: { a: { $ref: '#/x' } }, x: { pattern: '(?=a)' } };
    expect(schemaCheck('schema', schema)).toEqual(
      refused(
        'data.schema',
        "pattern '(?=a)' cannot run on the linear-time engine: invalid or unsupported Perl syntax: `(?=`",
      ),
    );
    expect(validation({ a: 'a' }, schema)).toEqual(
      refused(
        'schema',
        "pattern '(?=a)' cannot run on the linear-time engine: invalid or unsupported Perl syntax: `(?=`",
      ),
    );
  });

  it('F-KIN-SCH-02 formats other than regex are not asserted on stored schemas', () => {
    expect(schemaCheck('schema', { $id: 'not a uri', $ref: '#/definitions/a', definitions: { a: {} } })).toBe(
      'valid',
    );
  });
});

describe('checkSchemaField: schemas that loop or explode on one value are refused (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 a same-instance $ref cycle or a doubling $ref DAG is refused naming the field', () => {
    for (const { schema, description } of Object.values(HOSTILE_SCHEMAS)) {
      for (const field of ['schema', 'record:schema', 'collection:schema', 'group:schema']) {
        expect(schemaCheck(field, schema)).toEqual(refused(`data.${field}`, description));
      }
    }
  });

  it('F-KIN-SCH-01 recursive schemas (through descending keywords) are accepted and validate records', () => {
    for (const { schema, valid, invalid } of Object.values(RECURSIVE_SCHEMAS)) {
      expect(schemaCheck('schema', schema)).toBe('valid');
      for (const record of valid) expect(validation(record, schema)).toBe('valid');
      for (const [record, name] of invalid) {
        expect(validation(record, schema)).toMatchObject({ status: 400, errno: 107, name });
      }
    }
    expect(schemaCheck('record:schema', DRAFT_07_META_SCHEMA)).toBe('valid');
  });
});
