import { describe, expect, it } from 'vitest';
import { refused, validation } from '../testing/schema-outcome.ts';

const at = (schema: object) => ({ properties: { n: schema } });

describe('numeric keywords (F-KIN-SCH-01)', () => {
  it('F-KIN-SCH-01 maximum, minimum and their exclusive forms', () => {
    expect(validation({ n: 2 }, at({ maximum: 2, minimum: 2 }))).toBe('valid');
    expect(validation({ n: 3 }, at({ maximum: 2 }))).toEqual(
      refused('n', '3 is greater than the maximum of 2'),
    );
    expect(validation({ n: 1 }, at({ minimum: 2 }))).toEqual(refused('n', '1 is less than the minimum of 2'));
    expect(validation({ n: 2 }, at({ exclusiveMaximum: 2 }))).toEqual(
      refused('n', '2 is greater than or equal to the maximum of 2'),
    );
    expect(validation({ n: 2 }, at({ exclusiveMinimum: 2 }))).toEqual(
      refused('n', '2 is less than or equal to the minimum of 2'),
    );
    expect(validation({ n: 2.5 }, at({ exclusiveMinimum: 2, exclusiveMaximum: 3 }))).toBe('valid');
    expect(validation({ n: 'big' }, at({ maximum: 2 }))).toBe('valid');
  });

  it('F-KIN-SCH-01 multipleOf: integral and fractional divisors', () => {
    expect(validation({ n: 8 }, at({ multipleOf: 2 }))).toBe('valid');
    expect(validation({ n: 7 }, at({ multipleOf: 2 }))).toEqual(refused('n', '7 is not a multiple of 2'));
    expect(validation({ n: 7.5 }, at({ multipleOf: 2.5 }))).toBe('valid');
    expect(validation({ n: 0.3 }, at({ multipleOf: 0.1 }))).toEqual(
      refused('n', '0.3 is not a multiple of 0.1'),
    );
    expect(validation({ n: 1e308 }, at({ multipleOf: 0.123456789 }))).toEqual(
      refused('n', '1e+308 is not a multiple of 0.123456789'),
    );
  });
});
