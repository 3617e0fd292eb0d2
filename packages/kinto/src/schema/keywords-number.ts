import type { JsonValue } from '@core/contracts';
import { fail } from './failure.ts';
import { pythonRepr } from './python-repr.ts';
import type { KeywordCompiler } from './scope.ts';

/** A bound keyword: fails numbers for which `failed(instance, bound)` holds, with python-jsonschema's words. */
function bound(
  keyword: string,
  failed: (instance: number, limit: number) => boolean,
  words: string,
): KeywordCompiler {
  return (limit) => {
    if (typeof limit !== 'number') return undefined;
    return (value: JsonValue) =>
      typeof value === 'number' && failed(value, limit)
        ? fail(keyword, () => `${pythonRepr(value)} is ${words} of ${pythonRepr(limit)}`)
        : undefined;
  };
}

/** Python's test: `instance % divisor` for an integral divisor, else whether the quotient is integral. */
function notMultiple(instance: number, divisor: number): boolean {
  if (Number.isInteger(divisor)) return instance % divisor !== 0;
  const quotient = instance / divisor;
  return !Number.isFinite(quotient) || Math.trunc(quotient) !== quotient;
}

export const NUMBER_KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  multipleOf: (divisor) => {
    if (typeof divisor !== 'number' || divisor <= 0) return undefined;
    return (value) =>
      typeof value === 'number' && notMultiple(value, divisor)
        ? fail('multipleOf', () => `${pythonRepr(value)} is not a multiple of ${pythonRepr(divisor)}`)
        : undefined;
  },
  maximum: bound('maximum', (instance, limit) => instance > limit, 'greater than the maximum'),
  exclusiveMaximum: bound(
    'exclusiveMaximum',
    (instance, limit) => instance >= limit,
    'greater than or equal to the maximum',
  ),
  minimum: bound('minimum', (instance, limit) => instance < limit, 'less than the minimum'),
  exclusiveMinimum: bound(
    'exclusiveMinimum',
    (instance, limit) => instance <= limit,
    'less than or equal to the minimum',
  ),
};
