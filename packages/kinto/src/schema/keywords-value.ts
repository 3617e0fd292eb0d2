import type { JsonValue } from '@core/contracts';
import { CHARS_PER_STEP } from './budget.ts';
import { type Context, charge } from './context.ts';
import { type Check, fail } from './failure.ts';
import { pythonRepr } from './python-repr.ts';
import { isObject, type KeywordCompiler } from './scope.ts';

const TYPES: Readonly<Record<string, (value: JsonValue) => boolean>> = {
  null: (value) => value === null,
  boolean: (value) => typeof value === 'boolean',
  number: (value) => typeof value === 'number',
  integer: (value) => typeof value === 'number' && Number.isInteger(value),
  string: (value) => typeof value === 'string',
  array: (value) => Array.isArray(value),
  object: (value) => isObject(value),
};

/** A key equal for equal JSON scalars (`true` ≠ `1`), `undefined` for arrays and objects. */
function scalarKey(value: JsonValue): string | undefined {
  if (value === null) return 'n';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return `d${value}`;
  if (typeof value === 'string') return `s${value}`;
  return undefined;
}

/**
 * A check that `value` equals one of `members` (JSON equality): scalars by a precomputed set, arrays
 * and objects by the validation's equality ids.
 */
function membership(members: readonly JsonValue[], failure: (value: JsonValue) => ReturnType<Check>): Check {
  const scalars = new Set<string>();
  const containers: JsonValue[] = [];
  for (const member of members) {
    const key = scalarKey(member);
    if (key === undefined) containers.push(member);
    else scalars.add(key);
  }
  return (value: JsonValue, context: Context) => {
    const key = scalarKey(value);
    if (key !== undefined) {
      charge(context, Math.floor(key.length / CHARS_PER_STEP));
      return scalars.has(key) ? undefined : failure(value);
    }
    if (containers.length > 0) {
      charge(context, containers.length);
      const id = context.identity(value);
      if (containers.some((member) => context.identity(member) === id)) return undefined;
    }
    return failure(value);
  };
}

export const VALUE_KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  type: (raw) => {
    const names = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
    if (!names) return undefined;
    const tests = names.map((name) =>
      typeof name === 'string' && Object.hasOwn(TYPES, name) ? TYPES[name]! : () => false,
    );
    const expected = names.map((name) => pythonRepr(name)).join(', ');
    return (value) =>
      tests.some((test) => test(value))
        ? undefined
        : fail('type', () => `${pythonRepr(value)} is not of type ${expected}`);
  },
  enum: (members) => {
    if (!Array.isArray(members)) return undefined;
    return membership(members, (value) =>
      fail('enum', () => `${pythonRepr(value)} is not one of ${pythonRepr(members)}`),
    );
  },
  const: (expected) =>
    membership([expected], () => fail('const', () => `${pythonRepr(expected)} was expected`)),
};
