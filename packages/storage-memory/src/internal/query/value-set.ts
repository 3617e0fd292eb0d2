import type { JsonValue } from '@core/contracts';
import { jsonEquals } from './json-order.ts';

/** Membership test over a list of JSON values, by type-sensitive deep equality. */
export type ValueSet = (value: JsonValue) => boolean;

/** Builds a {@link ValueSet}: scalars go through a `Set` (SameValueZero keeps `1` ≠ `"1"`), arrays and objects compare deeply. */
export function valueSet(values: readonly JsonValue[]): ValueSet {
  const scalars = new Set<JsonValue>();
  const composites: JsonValue[] = [];
  for (const value of values) {
    if (typeof value === 'object' && value !== null) composites.push(value);
    else scalars.add(value);
  }
  if (composites.length === 0) return (value) => scalars.has(value);
  return (value) =>
    typeof value === 'object' && value !== null
      ? composites.some((candidate) => jsonEquals(candidate, value))
      : scalars.has(value);
}
