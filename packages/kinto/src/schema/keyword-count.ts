import type { JsonValue } from '@core/contracts';
import type { Context } from './context.ts';
import { fail } from './failure.ts';
import { pythonRepr } from './python-repr.ts';
import { count, type KeywordCompiler } from './scope.ts';

/**
 * A `max*` or `min*` keyword over what `sizeOf` counts (`undefined`: not its kind of value), with
 * python-jsonschema's words: `is expected to be empty` for a maximum of 0, `should be non-empty` for a
 * minimum of 1, else `words`.
 */
export function countKeyword(
  keyword: string,
  bound: 'max' | 'min',
  sizeOf: (value: JsonValue, context: Context) => number | undefined,
  words: string,
): KeywordCompiler {
  return (raw) => {
    const limit = count(raw);
    if (limit === undefined) return undefined;
    const special =
      bound === 'max' ? limit === 0 && 'is expected to be empty' : limit === 1 && 'should be non-empty';
    const message = special || words;
    return (value, context) => {
      const size = sizeOf(value, context);
      if (size === undefined || (bound === 'max' ? size <= limit : size >= limit)) return undefined;
      return fail(keyword, () => `${pythonRepr(value)} ${message}`);
    };
  };
}
