import type { Filter, JsonValue } from '@core/contracts';
import { createParams, type Params } from './db.ts';
import { fieldJson, orderCompare } from './field-sql.ts';

/** Escapes `%`, `_` and `\` for a `LIKE` pattern (backslash is the default escape character). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** A `like` filter value as a `LIKE` pattern: `*` is any run, the rest literal, unanchored without `*`. */
export function likePattern(value: string): string {
  const pattern = value.includes('*') ? value : `*${value}*`;
  return pattern.split('*').map(escapeLike).join('%');
}

function listOf(value: JsonValue | readonly JsonValue[]): readonly JsonValue[] {
  return Array.isArray(value) ? value : [value as JsonValue];
}

/** Like Kinto, a number given for `id` is compared as its decimal string. */
function idValue(field: string, value: JsonValue): JsonValue {
  return field === 'id' && typeof value === 'number' ? String(value) : value;
}

// Fast paths on the `id` and `last_modified` columns (index-friendly) when the value has their type.
function columnCondition(filter: Filter, params: Params): string | undefined {
  const { field, operator } = filter;
  if (field !== 'id' && field !== 'last_modified') return undefined;
  const column = field === 'id' ? 'o.id' : 'o.last_modified';
  const fits = (value: JsonValue): boolean =>
    field === 'id' ? typeof value === 'string' : typeof value === 'number' && Number.isSafeInteger(value);
  const placeholder = (value: JsonValue): string =>
    field === 'id' ? params.text(value as string) : params.bigint(value as number);
  const comparators = { eq: '=', not: '<>', lt: '<', gt: '>', min: '>=', max: '<=' } as const;
  if (operator in comparators) {
    const value = idValue(field, filter.value as JsonValue);
    if (!fits(value)) return undefined;
    return `(${column} ${comparators[operator as keyof typeof comparators]} ${placeholder(value)})`;
  }
  if (operator === 'in' || operator === 'exclude') {
    const values = listOf(filter.value).map((value) => idValue(field, value));
    if (!values.every(fits)) return undefined;
    const array =
      field === 'id' ? params.textArray(values as string[]) : params.bigintArray(values as number[]);
    return operator === 'in' ? `(${column} = ANY(${array}))` : `(NOT (${column} = ANY(${array})))`;
  }
  return undefined;
}

function elementsOf(values: readonly JsonValue[], params: Params): string {
  return `(SELECT value FROM jsonb_array_elements(${params.json(values)}))`;
}

/** Most dots for which an `eq` gets the containment prefilter (one `@>` per way to split the path). */
const MAX_PREFILTER_DOTS = 3;

/**
 * Every key chain the longest-dotted-key rule of `fieldJson` may resolve `path` through: the whole
 * key, then, for each dot (not the first character), the prefix as a key followed by every chain of
 * the rest inside it. Mirrors `resolvePath` in `field-sql.ts` branch for branch.
 */
function keyChains(path: string): string[][] {
  const chains: string[][] = [[path]];
  if (!path.includes('.')) return chains;
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    for (const rest of keyChains(path.slice(dot + 1))) chains.push([path.slice(0, dot), ...rest]);
  }
  return chains;
}

/**
 * For `eq` on a data field with a scalar or null value: `o.data @> {"k1": {"k2": value}}` for every
 * key chain the field may resolve through, ORed. A row the exact condition accepts resolves the field
 * through one of these chains (each step an object key) to a value jsonb-equal to `value`, so it
 * contains that chain's document: the disjunction is a superset of the exact condition, and it can
 * use the `jsonb_path_ops` GIN index on `data`. `undefined` when not applicable.
 */
function containmentPrefilter(filter: Filter, params: Params): string | undefined {
  const { field, value } = filter;
  if (field === 'id' || field === 'last_modified') return undefined;
  if (
    value !== null &&
    typeof value !== 'string' &&
    typeof value !== 'number' &&
    typeof value !== 'boolean'
  ) {
    return undefined;
  }
  let dots = 0;
  for (const char of field) if (char === '.') dots += 1;
  if (dots > MAX_PREFILTER_DOTS) return undefined;
  const documents = keyChains(field).map((chain) =>
    // Computed keys define own properties (a `__proto__` key stays a key).
    chain.reduceRight<JsonValue>((inner, key) => ({ [key]: inner }), value),
  );
  return `(${documents.map((document) => `o.data @> ${params.json(document)}`).join(' OR ')})`;
}

/**
 * `condition` in a form the planner does not try to estimate (a `CASE` counts as one chance in two;
 * NULL becomes FALSE, the same in a conjunction). Behind the containment prefilter, the exact test
 * accepts nearly every row the prefilter does, but an equality on an expression without statistics
 * would be counted as 0.5 % of them: the product made a common value look rare (17 rows expected of
 * 3,333 on 10,000 objects), and the planner then read and sorted every match instead of walking the
 * list's timestamp index and stopping at the page size. The estimate now rests on the prefilter,
 * which PostgreSQL measures against the column's statistics: a rare value still gets the GIN index.
 */
function unestimated(condition: string): string {
  return `(CASE WHEN ${condition} THEN TRUE ELSE FALSE END)`;
}

function genericCondition(filter: Filter, params: Params): string {
  const expr = fieldJson(filter.field, params);
  switch (filter.operator) {
    case 'eq': {
      const exact = `(${expr} = ${params.json(idValue(filter.field, filter.value))})`;
      const prefilter = containmentPrefilter(filter, params);
      return prefilter === undefined ? exact : `(${prefilter} AND ${unestimated(exact)})`;
    }
    case 'not':
      return `(${expr} IS DISTINCT FROM ${params.json(idValue(filter.field, filter.value))})`;
    case 'lt':
      return orderCompare(expr, idValue(filter.field, filter.value), '<', params);
    case 'gt':
      return orderCompare(expr, idValue(filter.field, filter.value), '>', params);
    case 'min':
      return `(NOT ${orderCompare(expr, idValue(filter.field, filter.value), '<', params)})`;
    case 'max':
      return `(NOT ${orderCompare(expr, idValue(filter.field, filter.value), '>', params)})`;
    case 'in': {
      const values = listOf(filter.value).map((value) => idValue(filter.field, value));
      return `(${expr} IN ${elementsOf(values, params)})`;
    }
    case 'exclude': {
      const values = listOf(filter.value).map((value) => idValue(filter.field, value));
      return `(${expr} IS NULL OR ${expr} NOT IN ${elementsOf(values, params)})`;
    }
    case 'like':
      return `(CASE WHEN jsonb_typeof(${expr}) = 'string' THEN lower(${expr} #>> '{}') LIKE lower(${params.text(likePattern(String(filter.value)))}) ELSE FALSE END)`;
    case 'has':
      return filter.value ? `(${expr} IS NOT NULL)` : `(${expr} IS NULL)`;
    case 'contains': {
      // Deep element equality: jsonb `@>` alone would accept an object element that is a superset.
      const wanted = listOf(filter.value);
      return `(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${params.json(wanted)}) w WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${expr}) e WHERE e.value = w.value)) ELSE FALSE END)`;
    }
    case 'contains_any': {
      const wanted = listOf(filter.value);
      return `(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(${expr}) e WHERE e.value IN ${elementsOf(wanted, params)}) ELSE FALSE END)`;
    }
    default:
      throw new TypeError(`Unknown filter operator: ${String((filter as { operator: unknown }).operator)}`);
  }
}

/**
 * Whether the plan of a statement with these filters cannot depend on their values: every filter is
 * a comparison of the `id` or `last_modified` column (index conditions whatever the value). A data
 * field's `eq` is not: a rare value wants the GIN index, a common one the list's timestamp index.
 */
export function valueIndependentFilters(filters: readonly Filter[] | undefined): boolean {
  return (filters ?? []).every((filter) => columnCondition(filter, createParams()) !== undefined);
}

/** One filter as a SQL condition on the row aliased `o`. */
export function filterCondition(filter: Filter, params: Params): string {
  return columnCondition(filter, params) ?? genericCondition(filter, params);
}

/** The conjunction of `filters` (`TRUE` when there are none). */
export function filtersCondition(filters: readonly Filter[] | undefined, params: Params): string {
  if (filters === undefined || filters.length === 0) return 'TRUE';
  return filters.map((filter) => filterCondition(filter, params)).join(' AND ');
}
