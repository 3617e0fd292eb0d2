import type { ListOptions, StoredOrDeleted } from '@core/contracts';

/**
 * Applies the filters, order, keyset cursor and limit of `options` to `candidates` (the objects, and
 * tombstones when wanted, of the lists concerned), returning references to the selected candidates in
 * order. The caller copies them before handing them out.
 *
 * PLACEHOLDER: sorts by `last_modified` descending and applies `limit`; filters, `sort` and `after`
 * are being implemented.
 */
export function selectObjects(
  candidates: Iterable<StoredOrDeleted>,
  options: Pick<ListOptions, 'filters' | 'sort' | 'after' | 'limit'> = {},
): StoredOrDeleted[] {
  const selected = [...candidates].sort((a, b) => b.last_modified - a.last_modified || (a.id < b.id ? -1 : 1));
  return options.limit === undefined ? selected : selected.slice(0, options.limit);
}

/** `true` when `object` satisfies every filter. PLACEHOLDER: accepts everything. */
export function matchesFilters(_object: StoredOrDeleted, _filters: ListOptions['filters']): boolean {
  return true;
}
