import type { Filter, JsonObject, JsonValue } from '@core/contracts';
import { fieldReader } from './field-path.ts';
import { compareJson, jsonEquals } from './json-order.ts';
import { compileLike } from './like.ts';
import { valueSet } from './value-set.ts';

/** A compiled condition on one object (a live object or a tombstone). */
export type Predicate = (object: JsonObject) => boolean;

type Test = (value: JsonValue | undefined) => boolean;

function equalTo(expected: JsonValue): (value: JsonValue | undefined) => boolean {
  if (typeof expected !== 'object' || expected === null) return (value) => value === expected;
  return (value) => value !== undefined && jsonEquals(value, expected);
}

function listOf(value: JsonValue | readonly JsonValue[]): readonly JsonValue[] {
  return Array.isArray(value) ? value : [value as JsonValue];
}

/** `id` values are strings; like Kinto, a number given for `id` is compared as its decimal string. */
function idValue(field: string, value: JsonValue): JsonValue {
  return field === 'id' && typeof value === 'number' ? String(value) : value;
}

function idValues(field: string, values: readonly JsonValue[]): readonly JsonValue[] {
  return field === 'id' ? values.map((value) => idValue(field, value)) : values;
}

function valueTest(filter: Filter): Test {
  switch (filter.operator) {
    case 'eq':
      return equalTo(idValue(filter.field, filter.value));
    case 'not': {
      const equal = equalTo(idValue(filter.field, filter.value));
      return (value) => !equal(value);
    }
    case 'lt':
    case 'gt':
    case 'min':
    case 'max':
      return comparison(filter.operator, idValue(filter.field, filter.value));
    case 'in': {
      const member = valueSet(idValues(filter.field, listOf(filter.value)));
      return (value) => value !== undefined && member(value);
    }
    case 'exclude': {
      const member = valueSet(idValues(filter.field, listOf(filter.value)));
      return (value) => value === undefined || !member(value);
    }
    case 'like': {
      const matches = compileLike(String(filter.value));
      return (value) => typeof value === 'string' && matches(value);
    }
    case 'has':
      return filter.value ? (value) => value !== undefined : (value) => value === undefined;
    case 'contains': {
      const wanted = listOf(filter.value).map(equalTo);
      return (value) => Array.isArray(value) && wanted.every((equal) => value.some(equal));
    }
    case 'contains_any': {
      const member = valueSet(listOf(filter.value));
      return (value) => Array.isArray(value) && value.some(member);
    }
    default:
      throw new TypeError(`Unknown filter operator: ${String((filter as { operator: unknown }).operator)}`);
  }
}

function comparison(operator: 'lt' | 'gt' | 'min' | 'max', expected: JsonValue): Test {
  switch (operator) {
    case 'lt':
      return (value) => compareJson(value, expected) < 0;
    case 'gt':
      return (value) => compareJson(value, expected) > 0;
    case 'min':
      return (value) => compareJson(value, expected) >= 0;
    default:
      return (value) => compareJson(value, expected) <= 0;
  }
}

/** Compiles one filter into a predicate (field path and operand prepared once). */
export function compileFilter(filter: Filter): Predicate {
  const read = fieldReader(filter.field);
  const test = valueTest(filter);
  return (object) => test(read(object));
}

const ALWAYS: Predicate = () => true;

/** Compiles a conjunction of filters; no filters accept everything. */
export function compileFilters(filters: readonly Filter[] | undefined): Predicate {
  if (filters === undefined || filters.length === 0) return ALWAYS;
  const predicates = filters.map(compileFilter);
  if (predicates.length === 1) return predicates[0]!;
  return (object) => {
    for (const predicate of predicates) if (!predicate(object)) return false;
    return true;
  };
}
