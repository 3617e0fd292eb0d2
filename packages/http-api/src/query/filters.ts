import type { Filter, FilterOperator, JsonValue } from '@core/contracts';
import { invalidQuery } from '../errors/http-errors.ts';
import { checkFieldDepth, FIELD_NAME, type KnownFieldCheck } from './field-path.ts';
import { parseTimestamp, timestampFromDigits } from './integers.ts';
import { containsNul, isTruthy, nativeValue } from './json-value.ts';

/** Query-string operator prefixes, longest first so `contains_any_` wins over `contains_`. */
const PREFIXES: readonly FilterOperator[] = [
  'contains_any',
  'contains',
  'exclude',
  'like',
  'not',
  'min',
  'max',
  'has',
  'eq',
  'lt',
  'gt',
  'in',
];

/** What a filter parameter needs from the request. */
export interface FilterContext {
  /** Current time, ms: `last_modified` values must be below `now + 24 h`. */
  readonly now: number;
  /** Strict-schema check of a field path; `null` on schemaless resources. */
  readonly isKnownField: KnownFieldCheck | null;
}

/**
 * Splits `[operator_]field`. The prefix counts only when the rest is a valid field name (Kinto's
 * `^(op)_([\w.]+)$`); otherwise the whole parameter is the field of an `eq` filter.
 */
export function splitOperator(param: string): { operator: FilterOperator; field: string } {
  for (const operator of PREFIXES) {
    const prefix = `${operator}_`;
    if (param.startsWith(prefix) && FIELD_NAME.test(param.slice(prefix.length))) {
      return { operator, field: param.slice(prefix.length) };
    }
  }
  return { operator: 'eq', field: param };
}

function listValue(raw: string): JsonValue[] {
  return raw.split(',').map(nativeValue);
}

function idValue(raw: string): string {
  const value = nativeValue(raw);
  return typeof value === 'string' ? value : raw;
}

/** A `last_modified` filter value: timestamps only, whatever the operator (LESSONS §14). */
function lastModifiedFilter(param: string, operator: FilterOperator, raw: string, now: number): Filter {
  const field = 'last_modified';
  if (operator === 'has') return { field, operator, value: isTruthy(nativeValue(raw)) };
  if (operator === 'in' || operator === 'exclude') {
    const values = raw.split(',').map((element) => {
      const trimmed = element.trim();
      const value = /^\d+$/.test(trimmed) ? timestampFromDigits(trimmed, now) : null;
      if (value === null) throw invalidQuery(param);
      return value;
    });
    return { field, operator, value: values };
  }
  if (operator === 'like') throw invalidQuery(param);
  const value = parseTimestamp(raw, now);
  if (value === null) throw invalidQuery(param);
  return { field, operator, value } as Filter;
}

function idFilter(param: string, operator: FilterOperator, raw: string): Filter {
  const field = 'id';
  if (operator === 'in' || operator === 'exclude') {
    const values = listValue(raw);
    if (!values.every((value) => typeof value === 'string')) throw invalidQuery(param);
    return { field, operator, value: values };
  }
  if (operator === 'has') return { field, operator, value: isTruthy(nativeValue(raw)) };
  if (operator === 'like') return genericFilter(param, operator, field, raw);
  return { field, operator, value: idValue(raw) } as Filter;
}

function genericFilter(param: string, operator: FilterOperator, field: string, raw: string): Filter {
  switch (operator) {
    case 'in':
    case 'exclude':
      return { field, operator, value: listValue(raw) };
    case 'contains':
    case 'contains_any': {
      const value = nativeValue(raw);
      return { field, operator, value: Array.isArray(value) ? value : [value] };
    }
    case 'has':
      return { field, operator, value: isTruthy(nativeValue(raw)) };
    case 'like': {
      const value = nativeValue(raw);
      if (typeof value !== 'string') throw invalidQuery(param);
      return { field, operator, value };
    }
    default:
      return { field, operator, value: nativeValue(raw) };
  }
}

/**
 * One filter parameter (`[operator_]field=value`, http-api.md §7) as a storage {@link Filter}.
 * @throws HttpError 400 errno 107 naming `param`: unknown field on a strict schema, NUL character,
 *   non-string `like_` value, non-array special field, invalid `id`/`last_modified` values.
 */
export function parseFilter(param: string, raw: string, context: FilterContext): Filter {
  const { operator, field } = splitOperator(param);
  checkFieldDepth(param, field);
  if (context.isKnownField && !context.isKnownField(field)) {
    throw invalidQuery(param, `Unknown filter field '${param}'`);
  }
  if (param.includes('\u0000') || raw.includes('\u0000') || containsNul(nativeValue(raw))) {
    throw invalidQuery(param, 'Invalid character 0x00');
  }
  if (
    (operator === 'contains' || operator === 'contains_any') &&
    (field === 'id' || field === 'last_modified')
  ) {
    throw invalidQuery(param, `Field '${field}' is not an array`);
  }
  if (field === 'last_modified') return lastModifiedFilter(param, operator, raw, context.now);
  if (field === 'id') return idFilter(param, operator, raw);
  return genericFilter(param, operator, field, raw);
}
