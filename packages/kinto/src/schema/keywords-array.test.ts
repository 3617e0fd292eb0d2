import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

const at = (schema: object) => ({ properties: { list: schema } });

describe('array keywords (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 items (schema form): the failing index names the field, first in index order', () => {
    expect(validation({ list: [1, 2] }, at({ items: { type: 'integer' } }))).toBe('valid');
    expect(validation({ list: [1, 'a', 'b'] }, at({ items: { type: 'integer' } }))).toEqual(
      refused('1', "'a' is not of type 'integer'"),
    );
    expect(
      validation({ list: [{ t: 1 }] }, at({ items: { properties: { t: { type: 'string' } } } })),
    ).toEqual(refused('t', "1 is not of type 'string'"));
  });

  it('F-KIN-SCH-01 items (array form) and additionalItems', () => {
    const tuple = at({ items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false });
    expect(validation({ list: ['a', 1] }, tuple)).toBe('valid');
    expect(validation({ list: ['a'] }, tuple)).toBe('valid');
    expect(validation({ list: [1] }, tuple)).toEqual(refused('0', "1 is not of type 'string'"));
    expect(validation({ list: ['a', 1, 2, 'x'] }, tuple)).toEqual(
      refused('list', "Additional items are not allowed (2, 'x' were unexpected)"),
    );
    expect(validation({ list: ['a', 1, 2] }, tuple)).toEqual(
      refused('list', 'Additional items are not allowed (2 was unexpected)'),
    );
    const typed = at({ items: [true], additionalItems: { type: 'integer' } });
    expect(validation({ list: ['x', 2, 'y'] }, typed)).toEqual(refused('2', "'y' is not of type 'integer'"));
    // Ignored unless items is an array, as in python-jsonschema.
    expect(validation({ list: [1, 2] }, at({ items: {}, additionalItems: false }))).toBe('valid');
  });

  it('F-KIN-SCH-01 maxItems and minItems', () => {
    expect(validation({ list: [1, 2, 3] }, at({ maxItems: 2 }))).toEqual(
      refused('list', '[1, 2, 3] is too long'),
    );
    expect(validation({ list: [1] }, at({ maxItems: 0 }))).toEqual(
      refused('list', '[1] is expected to be empty'),
    );
    expect(validation({ list: [1] }, at({ minItems: 2 }))).toEqual(refused('list', '[1] is too short'));
    expect(validation({ list: [] }, at({ minItems: 1 }))).toEqual(refused('list', '[] should be non-empty'));
    expect(validation({ list: [1, 2] }, at({ minItems: 2, maxItems: 2 }))).toBe('valid');
  });

  it('F-KIN-SCH-01 uniqueItems: JSON equality (true ≠ 1, key order ignored, 1 = 1.0)', () => {
    expect(validation({ list: [1, true, '1', [1], { a: 1 }] }, at({ uniqueItems: true }))).toBe('valid');
    expect(validation({ list: [1, 1] }, at({ uniqueItems: true }))).toEqual(
      refused('list', '[1, 1] has non-unique elements'),
    );
    expect(
      validation(
        {
          list: [
            { a: 1, b: 2 },
            { b: 2, a: 1 },
          ],
        },
        at({ uniqueItems: true }),
      ),
    ).toEqual(refused('list', "[{'a': 1, 'b': 2}, {'b': 2, 'a': 1}] has non-unique elements"));
    expect(validation({ list: [[false], [0]] }, at({ uniqueItems: true }))).toBe('valid');
    expect(validation({ list: [1, 1] }, at({ uniqueItems: false }))).toBe('valid');
  });

  it('F-KIN-SCH-01 contains: draft-7 wording', () => {
    expect(validation({ list: ['a', 3] }, at({ contains: { type: 'integer' } }))).toBe('valid');
    expect(validation({ list: ['a'] }, at({ contains: { type: 'integer' } }))).toEqual(
      refused('list', "None of ['a'] are valid under the given schema"),
    );
    expect(validation({ list: [] }, at({ contains: true }))).toEqual(
      refused('list', 'None of [] are valid under the given schema'),
    );
  });
});
