import { describe, expect, it } from 'vitest';
import { refused, schemaCheck, validation } from '../testing/schema-outcome.ts';

describe('checkSchemaField: stored schemas are draft-07 schemas that can run (F-KIN-SCH-02)', () => {
  it('F-KIN-SCH-02 valid schemas pass; errors name the field with Kinto’s "<path><message>" description', () => {
    expect(
      schemaCheck('schema', { type: 'object', properties: { a: { type: 'string', pattern: '^[a-z]+$' } } }),
    ).toBe('valid');
    expect(schemaCheck('collection:schema', { type: 'Washmachine' })).toEqual(
      refused('collection:schema', "type'Washmachine' is not valid under any of the given schemas"),
    );
    expect(schemaCheck('record:schema', { properties: { a: { minLength: -1 } } })).toEqual(
      refused('record:schema', 'minLength-1 is less than the minimum of 0'),
    );
    expect(schemaCheck('group:schema', { required: 'title' })).toEqual(
      refused('group:schema', "required'title' is not of type 'array'"),
    );
    expect(schemaCheck('schema', 5)).toEqual(refused('schema', "5 is not of type 'object', 'boolean'"));
  });

  it('F-KIN-SCH-02 patterns RE2 cannot run are refused when the schema is stored, naming the field', () => {
    const reason = (pattern: string, problem: string) =>
      `${pattern} is not a 'regex' (unsupported by the linear-time RE2 engine: ${problem})`;
    expect(schemaCheck('schema', { pattern: '(?=a)' })).toEqual(
      refused('schema', `pattern${reason("'(?=a)'", 'invalid or unsupported Perl syntax: `(?=`')}`),
    );
    expect(
      schemaCheck('record:schema', { properties: { a: { properties: { b: { pattern: '(a)\\1' } } } } }),
    ).toEqual(refused('record:schema', `pattern${reason("'(a)\\\\1'", 'invalid escape sequence: `\\1`')}`));
    // Under `items` the meta-schema's anyOf reports, as python-jsonschema does.
    expect(schemaCheck('record:schema', { items: { pattern: '(a)\\1' } })).toEqual(
      refused('record:schema', "items{'pattern': '(a)\\\\1'} is not valid under any of the given schemas"),
    );
    expect(schemaCheck('schema', { patternProperties: { '(?<!x)y': {} } })).toEqual(
      refused('schema', `patternProperties${reason("'(?<!x)y'", 'invalid named capture: `(?<!x)y`')}`),
    );
    expect(schemaCheck('schema', { definitions: { d: { not: { pattern: 'a{1001}' } } } })).toEqual(
      refused('schema', `pattern${reason("'a{1001}'", 'invalid repeat count: `{1001}`')}`),
    );
    expect(schemaCheck('schema', { pattern: '[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}' })).toEqual(
      refused(
        'schema',
        `pattern${reason("'[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}[ab]{1000}'", 'expression too large (over 4000 instructions)')}`,
      ),
    );
  });

  it('F-KIN-SCH-02 a pattern the meta-schema does not reach but $ref does is refused too', () => {
    const schema = { properties: { a: { $ref: '#/x' } }, x: { pattern: '(?=a)' } };
    expect(schemaCheck('schema', schema)).toEqual(
      refused(
        'schema',
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
    expect(schemaCheck('schema', { $id: 'not a uri', $ref: '#' })).toBe('valid');
  });
});
