import {
  effectiveSort,
  type Filter,
  type KeysetCursor,
  type ListOptions,
  type Sort,
  type StoredOrDeleted,
} from '@core/contracts';
import { compileFilters, type Predicate } from './query/filters.ts';
import { compareStrings } from './query/json-order.ts';
import { compileAfter } from './query/keyset.ts';
import { firstInOrder, type Ranked } from './query/select.ts';
import { compileOrdering, type SortKey } from './query/sorting.ts';
import type { Cursor, Stamped, TimeOrder } from './time-order.ts';

const compiled = new WeakMap<readonly Filter[], Predicate>();

function limitOf(limit: number | undefined): number | undefined {
  return limit === undefined ? undefined : Math.max(0, Math.floor(limit));
}

/** Compiled filters, cached per (immutable) filter list so repeated calls do not recompile. */
export function predicateOf(filters: readonly Filter[] | undefined): Predicate {
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
  const limit = limitOf(options.limit);
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

/**
 * The direction of a sort that is the list's timestamp order — `last_modified` alone (or followed
 * by `id` ascending, the tie-break every sort gets), or no sort at all (newest first) — else
 * `undefined`.
 */
export function timeOrderOf(sort: readonly Sort[] | undefined): 'asc' | 'desc' | undefined {
  if (sort === undefined || sort.length === 0) return 'desc';
  const [first, second] = sort;
  if (first!.field !== 'last_modified') return undefined;
  if (sort.length > 2 || (second !== undefined && (second.field !== 'id' || second.direction !== 'asc'))) {
    return undefined;
  }
  return first!.direction === 'desc' ? 'desc' : 'asc';
}

/** The reading side of a {@link TimeOrder}. */
export type OrderView<T extends Stamped> = Pick<TimeOrder<T>, 'ascending' | 'descending'>;

/** One end of a range of timestamps. */
interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** The range of `last_modified` values that `filters` (and `after`, walking `direction`) allow. */
export interface StampRange {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

function tighterLower(a: Bound | undefined, b: Bound): Bound {
  if (a === undefined || b.value > a.value) return b;
  return b.value === a.value && !b.inclusive ? b : a;
}

function tighterUpper(a: Bound | undefined, b: Bound): Bound {
  if (a === undefined || b.value < a.value) return b;
  return b.value === a.value && !b.inclusive ? b : a;
}

/**
 * The timestamps a selection can reach: numeric `last_modified` conditions of `filters`, and the
 * cursor's `last_modified` when walking the timestamp order. Only narrows where to walk: the
 * filters and the cursor are still applied to every entry walked.
 */
export function stampRange(
  filters: readonly Filter[] | undefined,
  after?: KeysetCursor,
  direction?: 'asc' | 'desc',
): StampRange {
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const filter of filters ?? []) {
    const value = filter.value;
    if (filter.field !== 'last_modified' || typeof value !== 'number' || !Number.isFinite(value)) continue;
    switch (filter.operator) {
      case 'gt':
        lower = tighterLower(lower, { value, inclusive: false });
        break;
      case 'min':
        lower = tighterLower(lower, { value, inclusive: true });
        break;
      case 'lt':
        upper = tighterUpper(upper, { value, inclusive: false });
        break;
      case 'max':
        upper = tighterUpper(upper, { value, inclusive: true });
        break;
      case 'eq':
        lower = tighterLower(lower, { value, inclusive: true });
        upper = tighterUpper(upper, { value, inclusive: true });
        break;
      default:
        break;
    }
  }
  const cursor =
    after !== undefined && Object.hasOwn(after, 'last_modified') ? after.last_modified : undefined;
  if (typeof cursor === 'number' && Number.isFinite(cursor)) {
    // Strictly after the cursor in this order means at or beyond its timestamp (ties go by `id`).
    if (direction === 'desc') upper = tighterUpper(upper, { value: cursor, inclusive: true });
    else if (direction === 'asc') lower = tighterLower(lower, { value: cursor, inclusive: true });
  }
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/**
 * A cursor over `order` in `direction` limited to `range`: placed by binary search at the near end,
 * it stops at the far end.
 */
export function walkRange<T extends Stamped>(
  order: OrderView<T>,
  direction: 'asc' | 'desc',
  range: StampRange,
): Cursor<T> {
  const { lower, upper } = range;
  if (direction === 'asc') {
    const next = order.ascending(lower?.value, lower !== undefined && !lower.inclusive);
    if (upper === undefined) return next;
    return () => {
      const entry = next();
      if (entry === undefined) return undefined;
      const stamp = entry.last_modified;
      return stamp < upper.value || (upper.inclusive && stamp === upper.value) ? entry : undefined;
    };
  }
  const next = order.descending(upper?.value, upper !== undefined && !upper.inclusive);
  if (lower === undefined) return next;
  return () => {
    const entry = next();
    if (entry === undefined) return undefined;
    const stamp = entry.last_modified;
    return stamp > lower.value || (lower.inclusive && stamp === lower.value) ? entry : undefined;
  };
}

/** Merges two cursors of the same direction into one, in that direction (ties by `id` ascending). */
function mergeCursors<T extends Stamped>(a: Cursor<T>, b: Cursor<T>, direction: 'asc' | 'desc'): Cursor<T> {
  let headA = a();
  let headB = b();
  const sign = direction === 'asc' ? 1 : -1;
  return () => {
    if (headA === undefined && headB === undefined) return undefined;
    let takeA: boolean;
    if (headB === undefined) takeA = true;
    else if (headA === undefined) takeA = false;
    else if (headA.last_modified !== headB.last_modified) {
      takeA = (headA.last_modified - headB.last_modified) * sign < 0;
    } else takeA = compareStrings(headA.id, headB.id) <= 0;
    const entry = takeA ? headA : headB;
    if (takeA) headA = a();
    else headB = b();
    return entry;
  };
}

/** The orders of one list's live objects and tombstones. */
export interface OrderedList {
  readonly objectOrder: OrderView<StoredOrDeleted>;
  readonly tombstoneOrder: OrderView<StoredOrDeleted>;
}

/**
 * {@link selectObjects} over one list when the sort is its timestamp order ({@link timeOrderOf}):
 * walks the order from the cursor or the first timestamp the filters allow, testing each entry,
 * and stops at `limit` matches — a page costs about its size (plus the entries the filters skip),
 * not the list size. Same result, same order as {@link selectObjects}.
 */
export function selectInTimeOrder(
  list: OrderedList,
  direction: 'asc' | 'desc',
  options: Pick<ListOptions, 'filters' | 'sort' | 'after' | 'limit' | 'includeDeleted'> = {},
): StoredOrDeleted[] {
  const limit = limitOf(options.limit);
  if (limit === 0) return [];
  const matches = predicateOf(options.filters);
  let isAfter: ((object: StoredOrDeleted) => boolean) | undefined;
  if (options.after !== undefined) {
    const criteria = effectiveSort(options.sort);
    const requested = options.sort === undefined || options.sort.length === 0 ? 1 : options.sort.length;
    const test = compileAfter(criteria, requested, options.after);
    const ordering = compileOrdering(criteria);
    isAfter = (object) => test(ordering.keyOf(object));
  }
  const range = stampRange(options.filters, options.after, direction);
  const objects = walkRange(list.objectOrder, direction, range);
  const next = options.includeDeleted
    ? mergeCursors(objects, walkRange(list.tombstoneOrder, direction, range), direction)
    : objects;
  const selected: StoredOrDeleted[] = [];
  for (let entry = next(); entry !== undefined; entry = next()) {
    if (!matches(entry) || (isAfter !== undefined && !isAfter(entry))) continue;
    selected.push(entry);
    if (selected.length === limit) break;
  }
  return selected;
}
