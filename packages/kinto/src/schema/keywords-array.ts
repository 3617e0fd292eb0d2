import type { JsonValue } from '@core/contracts';
import { charge } from './context.ts';
import { type Check, fail, under } from './failure.ts';
import { countKeyword } from './keyword-count.ts';
import { pythonRepr } from './python-repr.ts';
import type { KeywordCompiler } from './scope.ts';

/** python-jsonschema's `extras_msg`: the reprs joined, and `was` or `were`. */
export function extras(values: readonly JsonValue[]): string {
  return `${values.map(pythonRepr).join(', ')} ${values.length === 1 ? 'was' : 'were'}`;
}

const itemCount = (value: JsonValue) => (Array.isArray(value) ? value.length : undefined);

export const ARRAY_KEYWORDS: Readonly<Record<string, KeywordCompiler>> = {
  items: (items, _schema, scope) => {
    if (Array.isArray(items)) {
      const nodes = items.map((item) => scope.subschema(item));
      return (value, context) => {
        if (!Array.isArray(value)) return undefined;
        const length = Math.min(value.length, nodes.length);
        charge(context, length);
        for (let index = 0; index < length; index += 1) {
          const failure = nodes[index]!.validate(value[index]!, context);
          if (failure) return under(failure, 'items', String(index));
        }
        return undefined;
      };
    }
    const node = scope.subschema(items);
    return (value, context) => {
      if (!Array.isArray(value)) return undefined;
      charge(context, value.length);
      for (let index = 0; index < value.length; index += 1) {
        const failure = node.validate(value[index]!, context);
        if (failure) return under(failure, 'items', String(index));
      }
      return undefined;
    };
  },
  // Only after an array of `items` (python-jsonschema ignores it otherwise).
  additionalItems: (additional, schema, scope) => {
    const items = schema.items;
    const node = scope.subschema(additional);
    if (!Array.isArray(items) || additional === true) return undefined;
    const start = items.length;
    if (additional === false) {
      return (value) =>
        Array.isArray(value) && value.length > start
          ? fail(
              'additionalItems',
              () => `Additional items are not allowed (${extras(value.slice(start))} unexpected)`,
            )
          : undefined;
    }
    return (value, context) => {
      if (!Array.isArray(value)) return undefined;
      charge(context, Math.max(value.length - start, 0));
      for (let index = start; index < value.length; index += 1) {
        const failure = node.validate(value[index]!, context);
        if (failure) return under(failure, 'additionalItems', String(index));
      }
      return undefined;
    };
  },
  maxItems: countKeyword('maxItems', 'max', itemCount, 'is too long'),
  minItems: countKeyword('minItems', 'min', itemCount, 'is too short'),
  // Linear: each item's JSON-equality id (computed once per value) goes into a set.
  uniqueItems: (unique) => {
    if (unique !== true) return undefined;
    const check: Check = (value, context) => {
      if (!Array.isArray(value)) return undefined;
      charge(context, value.length);
      const seen = new Set<number>();
      for (const item of value) {
        const id = context.identity(item);
        if (seen.has(id)) return fail('uniqueItems', () => `${pythonRepr(value)} has non-unique elements`);
        seen.add(id);
      }
      return undefined;
    };
    return check;
  },
  contains: (contained, _schema, scope) => {
    const node = scope.subschema(contained);
    return (value, context) => {
      if (!Array.isArray(value)) return undefined;
      charge(context, value.length);
      for (const item of value) if (!node.validate(item, context)) return undefined;
      return fail('contains', () => `None of ${pythonRepr(value)} are valid under the given schema`);
    };
  },
};
