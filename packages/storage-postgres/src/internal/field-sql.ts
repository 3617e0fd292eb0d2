import { type FieldPath, type JsonValue, MAX_FIELD_PATH_DOTS } from '@core/contracts';
import type { Params } from './db.ts';

/** Rank of a JSON value in the contracts' cross-type order (`undefined`: missing field, last). */
export function rankOf(value: JsonValue | undefined): number {
  if (value === undefined) return 6;
  if (value === null) return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'boolean') return 3;
  return Array.isArray(value) ? 4 : 5;
}

/** SQL rank of a jsonb expression, matching {@link rankOf}; SQL `NULL` (missing) ranks 6. */
export function rankSql(expr: string): string {
  return `(CASE jsonb_typeof(${expr}) WHEN 'null' THEN 0 WHEN 'string' THEN 1 WHEN 'number' THEN 2 WHEN 'boolean' THEN 3 WHEN 'array' THEN 4 WHEN 'object' THEN 5 ELSE 6 END)`;
}

// `doc` is known to be a jsonb object. Whole key first, then the longest dotted prefix that is a key,
// descending into its value only when that is an object (a shorter prefix is not tried then).
function resolvePath(doc: string, path: string, params: Params): string {
  if (!path.includes('.')) return `(${doc} -> ${params.text(path)})`;
  const branches = [`WHEN ${doc} ? ${params.text(path)} THEN ${doc} -> ${params.text(path)}`];
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
    const prefix = path.slice(0, dot);
    const inner = `(${doc} -> ${params.text(prefix)})`;
    const nested = resolvePath(inner, path.slice(dot + 1), params);
    branches.push(
      `WHEN ${doc} ? ${params.text(prefix)} THEN (CASE WHEN jsonb_typeof(${inner}) = 'object' THEN ${nested} END)`,
    );
  }
  return `(CASE ${branches.join(' ')} END)`;
}

/**
 * The jsonb value of `path` in the object row aliased `o` (SQL `NULL` when the field is missing).
 * `id` and `last_modified` come from their columns; other fields from `o.data`, which holds the rest
 * of the object (`{"deleted": true}` for a tombstone).
 */
export function fieldJson(path: FieldPath, params: Params): string {
  if (path === 'id') return 'to_jsonb(o.id)';
  if (path === 'last_modified') return 'to_jsonb(o.last_modified)';
  let dots = 0;
  for (const char of path) if (char === '.') dots += 1;
  if (dots > MAX_FIELD_PATH_DOTS) throw new TypeError(`Field path ${JSON.stringify(path)} has too many dots`);
  return resolvePath('o.data', path, params);
}

/** Same-type "less than" / "greater than" of `expr` against `value` (both of `value`'s type). */
function typedCompare(expr: string, value: JsonValue, operator: '<' | '>', params: Params): string {
  if (value === null) return 'FALSE';
  switch (typeof value) {
    case 'string':
      return `((${expr} #>> '{}') COLLATE "C" ${operator} ${params.text(value)})`;
    case 'number':
      return `((${expr})::numeric ${operator} ${params.numeric(value)})`;
    case 'boolean':
      return `((${expr})::boolean ${operator} ${params.boolean(value)})`;
    default:
      // Arrays and objects: PostgreSQL's jsonb order (length or pair count first), total and stable.
      return `(${expr} ${operator} ${params.json(value)})`;
  }
}

/**
 * `expr` strictly before (`<`) or after (`>`) `value` in the cross-type order; `undefined` is the
 * missing rank. The `CASE` keeps the typed casts away from values of other types.
 */
export function orderCompare(
  expr: string,
  value: JsonValue | undefined,
  operator: '<' | '>',
  params: Params,
): string {
  const rank = rankOf(value);
  const typed = value === undefined ? 'FALSE' : typedCompare(expr, value, operator, params);
  const rankSide = rankSql(expr);
  return `(CASE WHEN ${rankSide} <> ${rank} THEN ${rankSide} ${operator} ${rank} ELSE ${typed} END)`;
}

/** `expr` equal to `value` in the order (deep JSON equality); `undefined` means missing. */
export function orderEqual(expr: string, value: JsonValue | undefined, params: Params): string {
  return value === undefined ? `(${expr} IS NULL)` : `(${expr} = ${params.json(value)})`;
}
