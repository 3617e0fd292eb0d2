/**
 * The PostgreSQL floor's statements, on the `objects` / `timestamps` / `access_control_entries`
 * tables of `@core/storage-postgres` (same schema and indexes), as that backend phrases them.
 */

/** The object as JSON: its data plus `id` and `last_modified` (the backend's `OBJECT_JSON`). */
const OBJECT_JSON = `o.data || jsonb_build_object('id', o.id, 'last_modified', o.last_modified)`;

/** $1 parent, $2 id. */
export const GET_RECORD = `SELECT ${OBJECT_JSON} AS obj FROM objects o
  WHERE o.resource_name = 'record' AND o.parent_id = $1 AND o.id = $2 AND NOT o.deleted`;

/**
 * One round trip for a listing page: the collection timestamp (ETag) and the page, newest first.
 * $1 parent, $2 limit + 1; then the `_since` bound and the filters' parameters, numbered from $3.
 */
export function listSql(since: boolean, filterCount: number, prefilter = true): string {
  const where = ["o.resource_name = 'record'", 'o.parent_id = $1'];
  let next = 3;
  // With `_since`, tombstones are part of the answer (as in the backend's `includeDeleted`).
  if (since) where.push(`o.last_modified > $${next++}::bigint`);
  else where.push('NOT o.deleted');
  for (let i = 0; i < filterCount; i++) {
    // The backend's `eq` on a data field: the containment prefilter (GIN), then the exact test; or
    // the exact test alone (`prefilter` false), letting the planner walk the timestamp index.
    const exact = `(o.data -> $${next + 1}::text) = $${next + 2}::text::jsonb`;
    where.push(
      prefilter ? `o.data @> $${next}::text::jsonb AND ${exact}` : `$${next}::text IS NOT NULL AND ${exact}`,
    );
    next += 3;
  }
  return `SELECT
    (SELECT t.last_modified FROM timestamps t WHERE t.resource_name = 'record' AND t.parent_id = $1)::float8 AS ts,
    (SELECT coalesce(jsonb_agg(p.obj ORDER BY p.last_modified DESC, p.id), '[]'::jsonb) FROM (
       SELECT ${OBJECT_JSON} AS obj, o.last_modified, o.id FROM objects o
       WHERE ${where.join(' AND ')}
       ORDER BY o.last_modified DESC, o.id ASC LIMIT $2::bigint) p) AS page`;
}

/** The list's writer lock for the transaction (the backend's `lockList`). $1 the lock key. */
export const LOCK_LIST = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

/**
 * One create under the lock: the timestamp rule (after the list's, at least now), the object, the
 * list timestamp and the creator's `write` permission. $1 parent, $2 now, $3 id, $4 data, $5 principal.
 */
export const CREATE_RECORD = `WITH stamp AS (
    SELECT GREATEST(COALESCE((SELECT t.last_modified + 1 FROM timestamps t
      WHERE t.resource_name = 'record' AND t.parent_id = $1), 0), $2::bigint) AS ts),
  ins AS (INSERT INTO objects AS o (resource_name, parent_id, id, last_modified, data)
    SELECT 'record', $1, $3, stamp.ts, $4::text::jsonb FROM stamp RETURNING ${OBJECT_JSON} AS obj),
  list AS (INSERT INTO timestamps (resource_name, parent_id, last_modified)
    SELECT 'record', $1, stamp.ts FROM stamp
    ON CONFLICT (resource_name, parent_id) DO UPDATE SET last_modified = EXCLUDED.last_modified),
  ace AS (INSERT INTO access_control_entries (object_id, permission, principal)
    VALUES ($1 || '/records/' || $3, 'write', $5) ON CONFLICT DO NOTHING)
  SELECT obj FROM ins`;
