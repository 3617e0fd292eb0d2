import type { JsonObject, JsonValue, Sort } from '@core/contracts';
import { type FieldReader, fieldReader } from './field-path.ts';
import { codePointSortable, compareJson } from './json-order.ts';

/**
 * Sort values of one candidate, resolved once (`undefined` = missing field). Top-level strings are
 * stored through {@link sortableValue}, so they compare with plain `<`.
 */
export type SortKey = (JsonValue | undefined)[];

/** A value as stored in a {@link SortKey}. */
export function sortableValue(value: JsonValue | undefined): JsonValue | undefined {
  return typeof value === 'string' ? codePointSortable(value) : value;
}

/** Compares two {@link SortKey} values (fast paths for numbers and prepared strings). */
export function compareSortable(a: JsonValue | undefined, b: JsonValue | undefined): number {
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return compareJson(a, b);
}

/** Compiled order: extracts keys and compares them. */
export interface Ordering {
  readonly criteria: readonly Sort[];
  keyOf(object: JsonObject): SortKey;
  /** Negative when `a` comes first. */
  compare(a: SortKey, b: SortKey): number;
}

/** Compiles an order from effective criteria (`effectiveSort` of `@core/contracts`). */
export function compileOrdering(criteria: readonly Sort[]): Ordering {
  const readers: FieldReader[] = criteria.map((criterion) => fieldReader(criterion.field));
  const signs = criteria.map((criterion) => (criterion.direction === 'desc' ? -1 : 1));
  const count = criteria.length;
  return {
    criteria,
    keyOf(object) {
      const key: SortKey = new Array(count);
      for (let i = 0; i < count; i++) key[i] = sortableValue(readers[i]!(object));
      return key;
    },
    compare(a, b) {
      for (let i = 0; i < count; i++) {
        const order = compareSortable(a[i], b[i]);
        if (order !== 0) return order * signs[i]!;
      }
      return 0;
    },
  };
}
