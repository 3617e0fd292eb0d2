import type { Scope } from '@core/contracts';
import { bumpTimestamp } from '@core/contracts';
import { createParams, type Queryable, query, runPrepared } from './db.ts';

/**
 * The list locks one transaction holds, by {@link listKey}, each with its list timestamp as this
 * transaction last read or wrote it: while it holds the lock no other transaction can change it.
 */
export type HeldLocks = Map<string, number | undefined>;

/** The key of the list `scope` in {@link HeldLocks}. */
export function listKey(scope: Scope): string {
  return `${scope.resource.length}:${scope.resource}${scope.parent}`;
}

/**
 * Takes the writer lock of the list `scope` for the rest of the current transaction and returns its
 * stored timestamp (`undefined` when none). Every writer of a list (and the first read that stores an
 * empty list's timestamp) takes this lock before reading the list timestamp and holds it until it
 * commits or rolls back, so writers of one list run one after the other and commit in the order of
 * the timestamps they assign. A transaction-level advisory lock keyed by a hash of (resource,
 * parent) is used rather than a row lock so that a list without a timestamp row yet is covered too;
 * a hash collision only serialises two lists needlessly. A list already in `held` costs nothing.
 */
export async function lockList(db: Queryable, scope: Scope, held: HeldLocks): Promise<number | undefined> {
  const key = listKey(scope);
  if (held.has(key)) return held.get(key);
  // Sent together (one round trip), run in order: the read is a new statement with a new snapshot,
  // taken once the lock is granted, so it sees what the previous holder committed.
  const [, stored] = await Promise.all([takeListLock(db, scope), readListTimestamp(db, scope)]);
  held.set(key, stored);
  return stored;
}

/**
 * The lock statement of {@link lockList} alone, for a caller that sends its next statement right
 * behind it (that statement then runs once the lock is granted) and records the list in `held`.
 */
export async function takeListLock(db: Queryable, scope: Scope): Promise<void> {
  const params = createParams();
  // The key text of `listKey`, built by the server as every version of this package does.
  const text = `length(${params.text(scope.resource)})::text || ':' || ${params.text(scope.resource)} || ${params.text(scope.parent)}`;
  await runPrepared(db, query(`SELECT pg_advisory_xact_lock(hashtextextended(${text}, 0))`, params));
}

/** The stored timestamp of the list `scope`, `undefined` when none is stored. */
export async function readListTimestamp(db: Queryable, scope: Scope): Promise<number | undefined> {
  const params = createParams();
  const rows = await runPrepared(
    db,
    query(
      `SELECT last_modified::float8 AS ts FROM timestamps
       WHERE resource_name = ${params.text(scope.resource)} AND parent_id = ${params.text(scope.parent)}`,
      params,
    ),
  );
  return rows[0] === undefined ? undefined : Number(rows[0].ts);
}

/** Stores `timestamp` as the list timestamp of `scope` (never lowering it). Caller holds the lock. */
export async function storeListTimestamp(
  db: Queryable,
  scope: Scope,
  timestamp: number,
  held: HeldLocks,
): Promise<void> {
  const params = createParams();
  await runPrepared(
    db,
    query(
      `INSERT INTO timestamps AS t (resource_name, parent_id, last_modified)
       VALUES (${params.text(scope.resource)}, ${params.text(scope.parent)}, ${params.bigint(timestamp)})
       ON CONFLICT (resource_name, parent_id)
       DO UPDATE SET last_modified = GREATEST(t.last_modified, EXCLUDED.last_modified)`,
      params,
    ),
  );
  held.set(listKey(scope), timestamp);
}

/**
 * Locks the list, applies the timestamp rule and stores the new list timestamp when it changed.
 * @returns the timestamp assigned to the written object.
 */
export async function stampList(
  db: Queryable,
  scope: Scope,
  requested: number | undefined,
  now: () => number,
  held: HeldLocks,
): Promise<number> {
  const stored = await lockList(db, scope, held);
  const { assigned, listTimestamp } = bumpTimestamp(stored, requested, now());
  if (listTimestamp !== stored) await storeListTimestamp(db, scope, listTimestamp, held);
  return assigned;
}
