import { effectiveSort, type Filter, type ListOptions, type StoredOrDeleted } from '@core/contracts';
import { compileFilters, type Predicate } from './query/filters.ts';
import { compileAfter } from './query/keyset.ts';
import { firstInOrder, type Ranked } from './query/select.ts';
import { compileOrdering, type SortKey } from './query/sorting.ts';

const compiled = new WeakMap<readonly Filter[], Predicate>();

/** Compiled filters, cached per (immutable) filter list so repeated calls do not recompile. */
function predicateOf(filters: readonly Filter[] | undefined): Predicate {
  if (filters === undefined) return compileFilters(undefined);
  let predicate = compiled.get(filters);
  if (predicate === undefined) {
    predicate = compileFilters(filters);
    compiled.set(filters, predicate);
  }
  return predicate;
}

/**
 * Applies the filters, order, keyset cursor and limit of `options` to `candidates` (the objects, and
 * tombstones when wanted, of the lists concerned), returning references to the selected candidates in
 * order. The caller copies them before handing them out.
 *
 * Order: `options.sort` (default `last_modified` descending), then `id` ascending, then input
 * position. Sort keys are resolved once per candidate that passes the filters.
 */
export function selectObjects(
  candidates: Iterable<StoredOrDeleted>,
  options: Pick<ListOptions, 'filters' | 'sort' | 'after' | 'limit'> = {},
): StoredOrDeleted[] {
  const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
  if (limit === 0) return [];
  const matches = predicateOf(options.filters);
  const criteria = effectiveSort(options.sort);
  const ordering = compileOrdering(criteria);
  const requested = options.sort === undefined || options.sort.length === 0 ? 1 : options.sort.length;
  const isAfter = options.after === undefined ? undefined : compileAfter(criteria, requested, options.after);
  const entries: Ranked<StoredOrDeleted, SortKey>[] = [];
  let index = 0;
  for (const candidate of candidates) {
    if (!matches(candidate)) continue;
    const key = ordering.keyOf(candidate);
    if (isAfter !== undefined && !isAfter(key)) continue;
    entries.push({ item: candidate, key, index: index++ });
  }
  return firstInOrder(entries, ordering.compare, limit).map((entry) => entry.item);
}

/** `true` when `object` satisfies every filter (a conjunction; no filters match everything). */
export function matchesFilters(object: StoredOrDeleted, filters: ListOptions['filters']): boolean {
  return predicateOf(filters)(object);
}
