import {
  bumpTimestamp,
  type CreateOptions,
  checkCount,
  checkObjectId,
  type DeleteAllOptions,
  type DeleteOptions,
  type Filter,
  type JsonObject,
  type ObjectData,
  ObjectNotFoundError,
  type PurgeOptions,
  ReadonlyError,
  requestedFromData,
  requestedFromOption,
  type Scope,
  type ScopePattern,
  type StorageOperations,
  type StoredObject,
  type StoredOrDeleted,
  type Tombstone,
  UnicityError,
} from '@core/contracts';
import { createParams, type Queryable, query, run, runPrepared } from './db.ts';
import type { Executor } from './executor.ts';
import { filtersCondition, valueIndependentFilters } from './filters-sql.ts';
import { OBJECT_JSON, selectSql } from './object-sql.ts';
import { countKey } from './read-memo.ts';
import { scopeCondition } from './scope-sql.ts';
import { sharedCondition, sharedCountSql } from './shared-sql.ts';
import {
  type HeldLocks,
  listKey,
  lockList,
  readListTimestamp,
  stampList,
  storeListTimestamp,
  takeListLock,
} from './timestamps.ts';
import { writeObjectSql } from './write-object-sql.ts';

/** Settings of the storage operations. */
export interface OperationsSettings {
  /** Refuse to store an empty list's timestamp on read (`ReadonlyError`). */
  readonly readonly: boolean;
  /** Wall clock in milliseconds. */
  readonly now: () => number;
  /**
   * The permission backend's tables are in this database and its calls in the same transactions
   * (`createPostgresBackends`): offer `listShared` and `countShared`.
   */
  readonly sharesPermissions?: boolean;
}

const READONLY_MESSAGE =
  'Resource timestamp cannot be written. Plural endpoint must be hit at least once from a writable instance.';

const TOMBSTONE_DATA = { deleted: true };

// For integer timestamps `t < before` ⟺ `t < ceil(before)`: a `bigint` bound keeps the index usable.
function beforeParam(before: number, params: ReturnType<typeof createParams>): string {
  const bound = Math.ceil(before);
  return Number.isSafeInteger(bound) ? params.bigint(bound) : params.numeric(before);
}

/** `data` without the fields stored in their own columns. */
function bodyOf(data: ObjectData): JsonObject {
  const { id: _id, last_modified: _lastModified, ...rest } = data;
  return rest;
}

/**
 * Whether a listing or count of `pattern` with `filters` may be a prepared statement (see
 * `runPrepared`): one list (a wildcard's `LIKE` pattern decides whether an index range applies) and
 * filters on columns only (see `valueIndependentFilters`).
 */
function valueIndependent(pattern: ScopePattern, filters: readonly Filter[] | undefined): boolean {
  return !pattern.parent.includes('*') && valueIndependentFilters(filters);
}

interface RowRef {
  readonly resource: string;
  readonly parent: string;
  readonly id: string;
}

/**
 * The storage operations over `executor` (reads on the pool or the open transaction; writes, which
 * need the list lock and the object write to commit together, in a transaction). Internal: the
 * backend and its transaction handles build on it.
 */
export function createStorageOperations(executor: Executor, settings: OperationsSettings): StorageOperations {
  const operations = createOwnOperations(executor, settings);
  return settings.sharesPermissions ? { ...operations, ...sharedListing(executor) } : operations;
}

/** `listShared` and `countShared`: listings and counts joined with the ACEs (see `sharedCondition`). */
function sharedListing(executor: Executor): Pick<StorageOperations, 'listShared' | 'countShared'> {
  return {
    async listShared(scope, shared, options = {}) {
      const params = createParams();
      const text = selectSql(`${OBJECT_JSON} AS obj`, scope, options, params, [
        sharedCondition(shared, params),
      ]);
      const rows = await executor.read((db) => run(db, query(text, params)));
      return rows.map((row) => row.obj as StoredOrDeleted);
    },

    async countShared(scope, shared, filters) {
      const params = createParams();
      const scopeSql = scopeCondition(scope, params);
      const condition = `NOT o.deleted AND ${filtersCondition(filters, params)}`;
      const text = sharedCountSql(scopeSql, condition, shared, params);
      return Number((await executor.read((db) => run(db, query(text, params))))[0]!.n);
    },
  };
}

function createOwnOperations(executor: Executor, settings: OperationsSettings): StorageOperations {
  const { now } = settings;
  const { read } = executor;
  // A write runs in the transaction with the locks it holds (a direct call: a new one, none held).
  const inTransaction = <T>(fn: (tx: Queryable, held: HeldLocks) => Promise<T>): Promise<T> => {
    const held = executor.locked ?? new Map();
    return executor.transaction((tx) => fn(tx, held));
  };
  /** A write of objects of `resource` (`null`: any): before it runs, reads it may change are forgotten. */
  const writing = <T>(resource: string | null, fn: (tx: Queryable, held: HeldLocks) => Promise<T>) => {
    executor.memo?.objectsChanged(resource);
    return inTransaction(fn);
  };

  async function findLive(tx: Queryable, scope: Scope, id: string): Promise<StoredObject | undefined> {
    const params = createParams();
    const rows = await runPrepared(
      tx,
      query(
        `SELECT ${OBJECT_JSON} AS obj FROM objects o
         WHERE o.resource_name = ${params.text(scope.resource)} AND o.parent_id = ${params.text(scope.parent)}
           AND o.id = ${params.text(id)} AND NOT o.deleted`,
        params,
      ),
    );
    return rows[0]?.obj as StoredObject | undefined;
  }

  /**
   * Writes object `id` (replacing a tombstone, or with `absentOnly` false any object) with the next
   * timestamp of its list, and the list timestamp, in one statement sent right behind the list lock
   * (one round trip; none for the lock when the transaction holds it already). With `absentOnly` and a
   * live object of that id, nothing is written and that object is `existing`.
   */
  async function writeObject(
    tx: Queryable,
    held: HeldLocks,
    scope: Scope,
    id: string,
    data: ObjectData,
    absentOnly: boolean,
  ): Promise<{ written?: StoredObject; existing?: StoredObject }> {
    const key = listKey(scope);
    const locking = held.has(key) ? undefined : takeListLock(tx, scope);
    const params = createParams();
    const write = {
      scope,
      id,
      body: bodyOf(data),
      requested: requestedFromData(data.last_modified),
      now: now(),
      absentOnly,
    };
    const [, rows] = await Promise.all([
      locking,
      runPrepared(tx, query(writeObjectSql(write, params), params)),
    ]);
    const row = rows[0]!;
    const written = (row.obj ?? undefined) as StoredObject | undefined;
    const listTimestamp = written !== undefined ? row.list : row.stored;
    held.set(key, listTimestamp === null ? undefined : Number(listTimestamp));
    return { written, existing: (row.existing ?? undefined) as StoredObject | undefined };
  }

  async function removeRows(
    tx: Queryable,
    refs: readonly RowRef[],
    stamps: readonly number[],
    keep: boolean,
  ) {
    if (refs.length === 0) return;
    const params = createParams();
    const source = `unnest(${params.textArray(refs.map((ref) => ref.resource))}, ${params.textArray(
      refs.map((ref) => ref.parent),
    )}, ${params.textArray(refs.map((ref) => ref.id))}, ${params.bigintArray(stamps)}) AS u(r, p, id, ts)`;
    const match = 'o.resource_name = u.r AND o.parent_id = u.p AND o.id = u.id AND NOT o.deleted';
    const text = keep
      ? `UPDATE objects o SET deleted = TRUE, data = ${params.json(TOMBSTONE_DATA)}, last_modified = u.ts
         FROM ${source} WHERE ${match}`
      : `DELETE FROM objects o USING ${source} WHERE ${match}`;
    await runPrepared(tx, query(text, params));
  }

  return {
    async resourceTimestamp(target, options = {}) {
      const scope = { ...target };
      if (!options.forUpdate) {
        const current = await read((db) => readListTimestamp(db, scope));
        if (current !== undefined) return current;
        if (settings.readonly) throw new ReadonlyError(READONLY_MESSAGE);
      }
      return inTransaction(async (tx, held) => {
        const stored = await lockList(tx, scope, held);
        if (stored !== undefined) return stored;
        if (settings.readonly) throw new ReadonlyError(READONLY_MESSAGE);
        const { listTimestamp } = bumpTimestamp(undefined, undefined, now());
        await storeListTimestamp(tx, scope, listTimestamp, held);
        return listTimestamp;
      });
    },

    async allResourcesTimestamps(resource) {
      const params = createParams();
      const text = `SELECT parent_id, last_modified::float8 AS ts FROM timestamps
           WHERE resource_name = ${params.text(resource)}`;
      const rows = await read((db) => runPrepared(db, query(text, params)));
      return new Map(rows.map((row) => [row.parent_id as string, Number(row.ts)]));
    },

    async create(target, input, options: CreateOptions = {}) {
      const [scope, data] = [{ ...target }, structuredClone(input)];
      const id = checkObjectId(
        data.id !== undefined ? data.id : (options.idGenerator ?? (() => crypto.randomUUID()))(),
      );
      return writing(scope.resource, async (tx, held) => {
        const { written, existing } = await writeObject(tx, held, scope, id, data, true);
        if (written !== undefined) return written;
        throw new UnicityError(existing!);
      });
    },

    async get(target, id, options = {}) {
      const scope = { ...target };
      // Reserving one object takes its list's writer lock: every writer of the list takes that lock
      // first, so no lock order can deadlock against them (and an absent object is covered too).
      const found = options.forUpdate
        ? await inTransaction(async (tx, held) => {
            await lockList(tx, scope, held);
            return findLive(tx, scope, id);
          })
        : await read((db) => findLive(db, scope, id));
      if (found === undefined) throw new ObjectNotFoundError(scope.resource, id);
      return found;
    },

    async update(target, id, input) {
      const [scope, data, key] = [{ ...target }, structuredClone(input), checkObjectId(id)];
      return writing(scope.resource, async (tx, held) => {
        return (await writeObject(tx, held, scope, key, data, false)).written!;
      });
    },

    async delete(target, id, settings: DeleteOptions = {}) {
      const [scope, options] = [{ ...target }, { ...settings }];
      return writing(scope.resource, async (tx, held) => {
        await lockList(tx, scope, held);
        if ((await findLive(tx, scope, id)) === undefined) throw new ObjectNotFoundError(scope.resource, id);
        const lastModified = await stampList(tx, scope, requestedFromOption(options.lastModified), now, held);
        const ref = { resource: scope.resource, parent: scope.parent, id };
        await removeRows(tx, [ref], [lastModified], options.withDeleted ?? true);
        const tombstone: Tombstone = { id, last_modified: lastModified, deleted: true };
        return tombstone;
      });
    },

    async deleteAll(target, settings: DeleteAllOptions = {}) {
      const [pattern, options] = [{ ...target }, structuredClone(settings)];
      return writing(pattern.resource, async (tx, held) => {
        // Lock every list concerned (in one global order, so two bulk deletions cannot deadlock),
        // then select again: what is selected under the locks cannot change before the update.
        // (Lists this transaction holds already are in `held`.)
        for (;;) {
          const params = createParams();
          const rows = await run(
            tx,
            query(selectSql('o.resource_name, o.parent_id, o.id', pattern, options, params), params),
          );
          const refs: RowRef[] = rows.map((row) => ({
            resource: row.resource_name as string,
            parent: row.parent_id as string,
            id: row.id as string,
          }));
          const missing = new Map<string, Scope>();
          for (const ref of refs) {
            const key = listKey(ref);
            if (!held.has(key)) missing.set(key, { resource: ref.resource, parent: ref.parent });
          }
          if (missing.size > 0) {
            for (const key of [...missing.keys()].sort()) await lockList(tx, missing.get(key)!, held);
            continue;
          }
          const clock = now();
          const stamps = refs.map((ref) => {
            const key = listKey(ref);
            const { assigned, listTimestamp } = bumpTimestamp(held.get(key), undefined, clock);
            held.set(key, listTimestamp);
            return assigned;
          });
          const written = new Set<string>();
          for (const ref of refs) {
            const key = listKey(ref);
            if (written.has(key)) continue;
            written.add(key);
            await storeListTimestamp(tx, ref, held.get(key)!, held);
          }
          await removeRows(tx, refs, stamps, options.withDeleted ?? true);
          return refs.map(
            (ref, index): Tombstone => ({ id: ref.id, last_modified: stamps[index]!, deleted: true }),
          );
        }
      });
    },

    async purgeDeleted(pattern, options: PurgeOptions = {}) {
      if (options.before !== undefined && options.maxRetained !== undefined) {
        throw new TypeError('purgeDeleted: `before` and `maxRetained` are mutually exclusive');
      }
      if (options.before !== undefined && !Number.isFinite(options.before)) {
        throw new TypeError('purgeDeleted: `before` must be a number of milliseconds');
      }
      const params = createParams();
      let text: string;
      if (options.maxRetained !== undefined) {
        checkCount(options.maxRetained, 'purgeDeleted: `maxRetained`');
        text = `DELETE FROM objects d USING (
                  SELECT o.resource_name, o.parent_id, o.id, row_number() OVER (
                    PARTITION BY o.resource_name, o.parent_id ORDER BY o.last_modified DESC, o.id ASC) AS rank
                  FROM objects o WHERE ${scopeCondition(pattern, params)} AND o.deleted) s
                WHERE d.resource_name = s.resource_name AND d.parent_id = s.parent_id AND d.id = s.id
                  AND s.rank > ${params.bigint(options.maxRetained)} AND d.deleted
                RETURNING 1`;
      } else {
        const before =
          options.before === undefined ? '' : ` AND o.last_modified < ${beforeParam(options.before, params)}`;
        // `deleted` is re-checked on the row version being deleted: a tombstone replaced by a live
        // object meanwhile is never removed. List timestamps are left alone.
        text = `DELETE FROM objects o WHERE ${scopeCondition(pattern, params)} AND o.deleted${before} RETURNING 1`;
      }
      const rows = await executor.statement((db) => run(db, query(text, params)));
      return rows.length;
    },

    async listAll(pattern, options = {}) {
      const params = createParams();
      const text = selectSql(`${OBJECT_JSON} AS obj`, pattern, options, params);
      const runner = valueIndependent(pattern, options.filters) ? runPrepared : run;
      const rows = await read((db) => runner(db, query(text, params)));
      return rows.map((row) => row.obj as StoredOrDeleted);
    },

    async countAll(pattern, filters) {
      const params = createParams();
      const text = `SELECT count(*)::float8 AS n FROM objects o
           WHERE ${scopeCondition(pattern, params)} AND NOT o.deleted AND ${filtersCondition(filters, params)}`;
      const runner = valueIndependent(pattern, filters) ? runPrepared : run;
      const ask = async () => Number((await read((db) => runner(db, query(text, params))))[0]!.n);
      return executor.memo ? executor.memo.count(countKey(pattern, filters), pattern.resource, ask) : ask();
    },

    async trimObjects(scope, filters, maxObjects) {
      checkCount(maxObjects, 'trimObjects: `maxObjects`');
      executor.memo?.objectsChanged(scope.resource);
      const params = createParams();
      const rows = await executor.statement((db) =>
        run(
          db,
          query(
            `DELETE FROM objects d USING (
             SELECT o.resource_name, o.parent_id, o.id FROM objects o
             WHERE ${scopeCondition(scope, params)} AND NOT o.deleted AND ${filtersCondition(filters, params)}
             ORDER BY o.last_modified DESC, o.id ASC OFFSET ${params.bigint(maxObjects)}) s
           WHERE d.resource_name = s.resource_name AND d.parent_id = s.parent_id AND d.id = s.id
             AND NOT d.deleted
           RETURNING 1`,
            params,
          ),
        ),
      );
      return rows.length;
    },
  };
}
