import type { JsonValue, KeysetCursor, Sort } from '@core/contracts';
import type { Params } from './db.ts';
import { fieldJson, orderCompare, orderEqual, rankSql } from './field-sql.ts';

function direction(sort: Sort): string {
  return sort.direction === 'desc' ? 'DESC' : 'ASC';
}

/**
 * `ORDER BY` terms of the cross-type order. `id` and `last_modified` use their columns (`id` is
 * `COLLATE "C"`, code-point order). Other fields sort by rank, then as text (code points), then as
 * numbers, then as jsonb (booleans, arrays, objects); within one rank only one of those keys varies.
 */
export function orderByTerms(criteria: readonly Sort[], params: Params): string {
  const terms: string[] = [];
  for (const criterion of criteria) {
    const dir = direction(criterion);
    if (criterion.field === 'id') terms.push(`o.id ${dir}`);
    else if (criterion.field === 'last_modified') terms.push(`o.last_modified ${dir}`);
    else {
      const expr = fieldJson(criterion.field, params);
      terms.push(
        `${rankSql(expr)} ${dir}`,
        `(CASE WHEN jsonb_typeof(${expr}) = 'string' THEN ${expr} #>> '{}' END) COLLATE "C" ${dir}`,
        `(CASE WHEN jsonb_typeof(${expr}) = 'number' THEN (${expr})::numeric END) ${dir}`,
        `${expr} ${dir}`,
      );
    }
  }
  return terms.join(', ');
}

// Integers compare with the `bigint` column as `bigint`, which keeps the condition sargable.
function timestampParam(value: number, params: Params): string {
  return Number.isSafeInteger(value) ? params.bigint(value) : params.numeric(value);
}

// One criterion against a cursor value: strictly after it in this criterion's direction, or equal.
function afterOne(criterion: Sort, value: JsonValue | undefined, params: Params): string {
  const operator = criterion.direction === 'desc' ? '<' : '>';
  if (criterion.field === 'id' && typeof value === 'string')
    return `(o.id ${operator} ${params.text(value)})`;
  if (criterion.field === 'last_modified' && typeof value === 'number') {
    return `(o.last_modified ${operator} ${timestampParam(value, params)})`;
  }
  return orderCompare(fieldJson(criterion.field, params), value, operator, params);
}

function equalOne(criterion: Sort, value: JsonValue | undefined, params: Params): string {
  if (criterion.field === 'id' && typeof value === 'string') return `(o.id = ${params.text(value)})`;
  if (criterion.field === 'last_modified' && typeof value === 'number') {
    return `(o.last_modified = ${timestampParam(value, params)})`;
  }
  return orderEqual(fieldJson(criterion.field, params), value, params);
}

/**
 * The keyset condition "strictly after `cursor`" over the effective criteria. A cursor key absent is
 * the missing rank; the appended `id` tie-break takes part only when the cursor carries `id`.
 */
export function afterCondition(
  criteria: readonly Sort[],
  requested: number,
  cursor: KeysetCursor,
  params: Params,
): string {
  const used = Object.hasOwn(cursor, 'id') ? criteria.length : requested;
  const cursorValue = (criterion: Sort): JsonValue | undefined =>
    Object.hasOwn(cursor, criterion.field) ? cursor[criterion.field] : undefined;
  const alternatives: string[] = [];
  for (let i = 0; i < used; i++) {
    const equalities = criteria
      .slice(0, i)
      .map((criterion) => equalOne(criterion, cursorValue(criterion), params));
    const strict = afterOne(criteria[i]!, cursorValue(criteria[i]!), params);
    alternatives.push(`(${[...equalities, strict].join(' AND ')})`);
  }
  if (alternatives.length === 0) return 'FALSE';
  const bound = leadingBound(criteria[0]!, cursorValue(criteria[0]!), params);
  return `(${bound === undefined ? '' : `${bound} AND `}(${alternatives.join(' OR ')}))`;
}

/**
 * The first criterion's non-strict bound (`o.last_modified <= $cursor` newest first), implied by
 * the keyset condition but stated alone: PostgreSQL then starts the index scan at the cursor instead
 * of reading and discarding every row before it, so page 1,000 costs what page 1 costs.
 */
function leadingBound(criterion: Sort, value: JsonValue | undefined, params: Params): string | undefined {
  const operator = criterion.direction === 'desc' ? '<=' : '>=';
  if (criterion.field === 'id' && typeof value === 'string') return `o.id ${operator} ${params.text(value)}`;
  if (criterion.field === 'last_modified' && typeof value === 'number') {
    return `o.last_modified ${operator} ${timestampParam(value, params)}`;
  }
  return undefined;
}
