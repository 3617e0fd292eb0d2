import type { FieldPath } from './filters.ts';
import type { JsonValue } from './json.ts';

/** Sort direction: ascending or descending. */
export type SortDirection = 'asc' | 'desc';

/**
 * One sort criterion. Values compare in the cross-type order of `TYPE_ORDER` (missing fields last when
 * ascending, first when descending).
 */
export interface Sort {
  readonly field: FieldPath;
  readonly direction: SortDirection;
}

/**
 * Most sort criteria a listing may ask for. A keyset condition has a term per criterion and prefix,
 * so its size grows with the square of their number; callers never pass more (the HTTP layer answers
 * 400), and backends may refuse more (`TypeError`).
 */
export const MAX_SORT_CRITERIA = 16;

const DEFAULT_SORT: readonly Sort[] = [{ field: 'last_modified', direction: 'desc' }];

/**
 * The order a backend lists in: the requested criteria (default `last_modified` descending), then
 * `id` ascending unless `id` is already a criterion, so the order is total.
 */
export function effectiveSort(sort: readonly Sort[] | undefined): readonly Sort[] {
  const criteria = sort === undefined || sort.length === 0 ? DEFAULT_SORT : sort;
  return criteria.some((criterion) => criterion.field === 'id')
    ? criteria
    : [...criteria, { field: 'id', direction: 'asc' }];
}

/**
 * Keyset pagination: "the objects strictly after this one in the requested order".
 *
 * Keys are the sort fields (dotted paths as given in {@link Sort}) with the values the last object of
 * the previous page had; a sort field absent from the cursor means that object lacked the field (the
 * "missing" rank). Backends break ties in every listing by `id` ascending after the requested sort
 * criteria; when the cursor carries `id` and `id` is not a sort field, that tie-break takes part in
 * the comparison, so pages never skip objects that share every sort value.
 *
 * Across wildcard parents ids may repeat, so two objects of different lists can tie on every sort
 * value and on `id`; their relative order is then backend-defined and a page boundary between them
 * may skip one. Paginate across parents with a sort that is unique there, or within one list.
 */
export type KeysetCursor = Readonly<Record<string, JsonValue>>;
