import type { JsonValue } from '@core/contracts';
import { CHARS_PER_STEP, PATTERN_COMPILE_STEPS_PER_INSTRUCTION } from './budget.ts';
import { type Context, charge } from './context.ts';
import { fail } from './failure.ts';
import { compilePattern } from './pattern.ts';
import { pythonRepr } from './python-repr.ts';
import { count, type KeywordCompiler } from './scope.ts';

/** Code points in `value` (Python's `len`): a surrogate pair counts once. */
function codePoints(value: string, context: Context): number {
  charge(context, Math.floor(value.length / CHARS_PER_STEP));
  let total = value.length;
  for (let index = 0; index < value.length - 1; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        total -= 1;
        index += 1;
      }
    }
  }
  return total;
}

const REGEX_HINT = 'unsupported by the linear-time RE2 engine';

export const STRING_KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  maxLength: (raw) => {
    const limit = count(raw);
    if (limit === undefined) return undefined;
    const words = limit === 0 ? 'is expected to be empty' : 'is too long';
    // A string has at most as many code points as UTF-16 units: only long ones need counting.
    return (value, context) =>
      typeof value === 'string' && value.length > limit && codePoints(value, context) > limit
        ? fail('maxLength', () => `${pythonRepr(value)} ${words}`)
        : undefined;
  },
  minLength: (raw) => {
    const limit = count(raw);
    if (limit === undefined) return undefined;
    const words = limit === 1 ? 'should be non-empty' : 'is too short';
    // ...and at least half as many: only strings shorter than twice the limit need counting.
    return (value, context) =>
      typeof value === 'string' &&
      (value.length < limit || (value.length < 2 * limit && codePoints(value, context) < limit))
        ? fail('minLength', () => `${pythonRepr(value)} ${words}`)
        : undefined;
  },
  pattern: (source, _schema, scope) => {
    if (typeof source !== 'string') return undefined;
    const pattern = scope.pattern(source);
    return (value, context) => {
      if (typeof value !== 'string') return undefined;
      return pattern.search(value, context)
        ? undefined
        : fail('pattern', () => `${pythonRepr(value)} does not match ${pythonRepr(source)}`);
    };
  },
  // An annotation (Kinto validates without a format checker), except `regex` in the meta-schema check
  // of stored schemas: there a pattern must compile on the linear-time engine.
  format: (format, _schema, scope) => {
    if (format !== 'regex' || !scope.assertRegexFormat) return undefined;
    return (value: JsonValue, context) => {
      if (typeof value !== 'string') return undefined;
      const { problem, cost } = compilePattern(value);
      charge(context, cost * PATTERN_COMPILE_STEPS_PER_INSTRUCTION);
      return problem === undefined
        ? undefined
        : fail('format', () => `${pythonRepr(value)} is not a 'regex' (${REGEX_HINT}: ${problem})`);
    };
  },
};
