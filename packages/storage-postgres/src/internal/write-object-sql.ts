import type { JsonObject, Scope } from '@core/contracts';
import type { Params } from './db.ts';
import { OBJECT_JSON } from './object-sql.ts';

/** What {@link writeObjectSql} writes. */
export interface ObjectWrite {
  readonly scope: Scope;
  readonly id: string;
  readonly body: JsonObject;
  /** The requested timestamp (an integer `data.last_modified`), if any. */
  readonly requested: number | undefined;
  /** Wall clock, in milliseconds. */
  readonly now: number;
  /** Write only when no live object has that id (a create); else replace whatever is there. */
  readonly absentOnly: boolean;
}

/**
 * One statement writing an object with its list's next timestamp and the new list timestamp — the
 * contracts' rule (`bumpTimestamp`) applied to the stored list timestamp — so that, sent right
 * behind the list lock, a create costs one round trip. It must run after the lock is granted: its
 * snapshot then holds the previous writer's commit. Rows: `obj` (the object written, NULL when
 * `absentOnly` found a live one and wrote nothing), `list` (the list timestamp after it), `stored`
 * (the list timestamp before it, NULL when none) and, with `absentOnly`, `existing` (that live one).
 */
export function writeObjectSql(write: ObjectWrite, params: Params): string {
  const resource = params.text(write.scope.resource);
  const parent = params.text(write.scope.parent);
  const id = params.text(write.id);
  let assigned: string;
  let list: string;
  if (write.requested === undefined) {
    assigned = `GREATEST(${params.bigint(write.now)}, c.base + 1)`;
    list = assigned;
  } else {
    // = current → current + 1; > current → itself (and the list's); < current → itself, list unchanged.
    const requested = params.bigint(write.requested);
    assigned = `CASE WHEN ${requested} = c.base THEN c.base + 1 ELSE ${requested} END`;
    list = `CASE WHEN ${requested} >= c.base THEN GREATEST(${requested}, c.base + 1) ELSE c.base END`;
  }
  const live = `FROM objects o WHERE o.resource_name = ${resource} AND o.parent_id = ${parent}
         AND o.id = ${id} AND NOT o.deleted`;
  const absent = write.absentOnly ? `WHERE NOT EXISTS (SELECT 1 ${live})` : '';
  // The live object that kept a create from writing, as the same snapshot saw it.
  const existing = write.absentOnly ? `, (SELECT ${OBJECT_JSON} ${live}) AS existing` : '';
  return `WITH current AS (
      SELECT x.stored, COALESCE(x.stored, 0) AS base FROM (SELECT (SELECT t.last_modified FROM timestamps t
        WHERE t.resource_name = ${resource} AND t.parent_id = ${parent}) AS stored) x),
    stamp AS (SELECT c.stored, ${assigned} AS assigned, ${list} AS list FROM current c),
    written AS (
      INSERT INTO objects AS o (resource_name, parent_id, id, last_modified, data, deleted)
      SELECT ${resource}, ${parent}, ${id}, s.assigned, ${params.json(write.body)}, FALSE FROM stamp s
      ${absent}
      ON CONFLICT (resource_name, parent_id, id) DO UPDATE
        SET last_modified = EXCLUDED.last_modified, data = EXCLUDED.data, deleted = FALSE
      RETURNING ${OBJECT_JSON} AS obj),
    listed AS (
      INSERT INTO timestamps AS t (resource_name, parent_id, last_modified)
      SELECT ${resource}, ${parent}, s.list FROM stamp s
      WHERE s.list IS DISTINCT FROM s.stored AND EXISTS (SELECT 1 FROM written)
      ON CONFLICT (resource_name, parent_id)
      DO UPDATE SET last_modified = GREATEST(t.last_modified, EXCLUDED.last_modified))
    SELECT (SELECT obj FROM written) AS obj, s.list::float8 AS list, s.stored::float8 AS stored${existing}
    FROM stamp s`;
}
