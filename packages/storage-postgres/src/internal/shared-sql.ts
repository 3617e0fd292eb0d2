import type { SharedRestriction } from '@core/contracts';
import type { Params } from './db.ts';

/** The least string greater than every string starting with `prefix` (code-point order), if any. */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last === 0x10ffff) continue;
    // No code point between the surrogates: after U+D7FF comes U+E000.
    return points.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  }
  return undefined;
}

function aceConditions(shared: SharedRestriction, params: Params): string {
  const upper = prefixUpperBound(shared.uriPrefix);
  return `a.principal = ANY(${params.textArray(shared.principals)})
      AND a.permission = ANY(${params.textArray(shared.permissions)})
      AND a.object_id >= ${params.text(shared.uriPrefix)}${upper === undefined ? '' : ` AND a.object_id < ${params.text(upper)}`}`;
}

/**
 * For listings: the condition on the row aliased `o` that `shared` allows it, an ACE on
 * `uriPrefix || o.id` with one of the permissions and one of the principals. A page walks the list's
 * index in the requested order and probes the ACE primary key for each object until the page is full
 * (a semi-join): its cost follows the page and the share of the list the caller may read, not the
 * size of the list nor the number of objects shared.
 */
export function sharedCondition(shared: SharedRestriction, params: Params): string {
  return `EXISTS (SELECT 1 FROM access_control_entries a
    WHERE ${aceConditions(shared, params)} AND a.object_id = ${params.text(shared.uriPrefix)} || o.id)`;
}

/**
 * For counts: `SELECT count(*)` of the objects of `scope` that `shared` allows and `condition` (on the
 * row aliased `o`, liveness and filters) accepts, driven from the caller's ACEs under the prefix
 * (`idx_aces_principal`), one primary-key look-up of `objects` per object shared. Written with a
 * correlated sub-select so the planner cannot turn it into a scan of the whole list (which it
 * prefers by its costs, and which reads every object of the list).
 */
export function sharedCountSql(
  scopeSql: string,
  condition: string,
  shared: SharedRestriction,
  params: Params,
) {
  const start = params.bigint([...shared.uriPrefix].length + 1);
  return `SELECT count(*)::float8 AS n
    FROM (SELECT DISTINCT substr(a.object_id, (${start})::int) AS id FROM access_control_entries a
          WHERE ${aceConditions(shared, params)}) s
    WHERE (SELECT ${condition} FROM objects o WHERE ${scopeSql} AND o.id = s.id)`;
}
