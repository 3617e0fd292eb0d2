import { effectiveSort, type ListOptions, type ScopePattern } from '@core/contracts';
import type { Params } from './db.ts';
import { filtersCondition } from './filters-sql.ts';
import { scopeCondition } from './scope-sql.ts';
import { afterCondition, orderByTerms } from './sorting-sql.ts';

/** The whole object (or tombstone) of the row aliased `o`, as jsonb. */
export const OBJECT_JSON = `o.data || jsonb_build_object('id', o.id, 'last_modified', o.last_modified)`;

/** What a selection covers: the options of a listing, tombstones included or not. */
export type Selection = Pick<ListOptions, 'filters' | 'sort' | 'after' | 'limit' | 'includeDeleted'>;

function checkLimit(limit: number): number {
  if (typeof limit !== 'number' || Number.isNaN(limit)) throw new TypeError('limit must be a number');
  return Math.max(0, Math.floor(limit));
}

/**
 * `SELECT <columns> FROM objects o WHERE ... ORDER BY ... LIMIT ...` for `pattern` and `selection`:
 * scope, liveness, filters, `extra` conditions and keyset cursor in `WHERE`, the effective order,
 * then the limit.
 */
export function selectSql(
  columns: string,
  pattern: ScopePattern,
  selection: Selection,
  params: Params,
  extra: readonly string[] = [],
): string {
  const where = [scopeCondition(pattern, params)];
  if (!selection.includeDeleted) where.push('NOT o.deleted');
  where.push(filtersCondition(selection.filters, params), ...extra);
  const criteria = effectiveSort(selection.sort);
  if (selection.after !== undefined) {
    const requested = selection.sort === undefined || selection.sort.length === 0 ? 1 : selection.sort.length;
    where.push(afterCondition(criteria, requested, selection.after, params));
  }
  const limit = selection.limit === undefined ? '' : ` LIMIT ${params.bigint(checkLimit(selection.limit))}`;
  return `SELECT ${columns} FROM objects o WHERE ${where.join(' AND ')} ORDER BY ${orderByTerms(criteria, params)}${limit}`;
}
