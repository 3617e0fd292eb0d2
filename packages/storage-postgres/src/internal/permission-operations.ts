import {
  AUTHENTICATED,
  type BoundPermission,
  checkCount,
  type ObjectPermissions,
  type Permission,
  type PermissionOperations,
} from '@core/contracts';
import { createParams, type Params, query, run, runPrepared, type SqlQuery } from './db.ts';
import type { Executor } from './executor.ts';
import { prefixUpperBound } from './shared-sql.ts';

const REGEX_SPECIALS = /[\\^$.*+?()[\]{}|]/g;

/**
 * A `getAccessibleObjects` pattern as an anchored PostgreSQL regular expression: `*` is any run of
 * characters (`withChildren`) or one or more characters other than `/`; every other character is
 * escaped, so it matches itself only.
 */
export function objectIdRegex(pattern: string, withChildren: boolean): string {
  const wildcard = withChildren ? '.*' : '[^/]+';
  const source = pattern
    .split('*')
    .map((part) => part.replace(REGEX_SPECIALS, '\\$&'))
    .join(wildcard);
  return `^${source}$`;
}

/**
 * `object_id` matching `pattern`: equality without `*`; a key range for the common `prefix*` (a
 * listing's objects: cheap to plan, an index range), with the rest of the id non-empty and free of
 * `/` unless `withChildren`; the anchored regular expression otherwise.
 */
function objectIdCondition(pattern: string, withChildren: boolean, params: Params): string {
  const star = pattern.indexOf('*');
  if (star < 0) return `object_id = ${params.text(pattern)}`;
  const prefix = pattern.slice(0, -1);
  const upper = prefixUpperBound(prefix);
  if (star !== pattern.length - 1 || prefix === '' || upper === undefined) {
    return `object_id ~ ${params.text(objectIdRegex(pattern, withChildren))}`;
  }
  const range = `object_id >= ${params.text(prefix)} AND object_id < ${params.text(upper)}`;
  if (withChildren) return range;
  const rest = `substr(object_id, (${params.bigint([...prefix].length + 1)})::int)`;
  return `${range} AND object_id <> ${params.text(prefix)} AND strpos(${rest}, '/') = 0`;
}

function group(rows: readonly Record<string, unknown>[]): Map<string, ObjectPermissions> {
  const byObject = new Map<string, ObjectPermissions>();
  for (const row of rows) {
    const objectId = row.object_id as string;
    const permission = row.permission as string;
    let aces = byObject.get(objectId);
    if (aces === undefined) {
      aces = {};
      byObject.set(objectId, aces);
    }
    const principals = aces[permission] ?? [];
    principals.push(row.principal as string);
    aces[permission] = principals;
  }
  return byObject;
}

/**
 * The permission operations over `executor` (reads, single-statement writes, multi-statement
 * writes). Principal lists come back in code-point order (`COLLATE "C"` columns).
 */
export function createPermissionOperations(executor: Executor): PermissionOperations {
  // Every statement here is a fixed key look-up or write (prepared), but for the two whose text
  // varies with their patterns (`LIKE ANY`, regular expressions), planned for their values.
  const select = (statement: SqlQuery) => executor.read((db) => runPrepared(db, statement));
  const change = (statement: SqlQuery) => executor.send((db) => runPrepared(db, statement));
  const selectPlanned = (statement: SqlQuery) => executor.read((db) => run(db, statement));
  const changePlanned = (statement: SqlQuery) => executor.send((db) => run(db, statement));
  async function principalsOf(objectId: string, permission: Permission): Promise<string[]> {
    const params = createParams();
    const rows = await select(
      query(
        `SELECT principal FROM access_control_entries
         WHERE object_id = ${params.text(objectId)} AND permission = ${params.text(permission)}
         ORDER BY principal`,
        params,
      ),
    );
    return rows.map((row) => row.principal as string);
  }

  async function acesOf(
    objectIds: readonly string[],
    permissions?: readonly Permission[],
  ): Promise<Map<string, ObjectPermissions>> {
    const params = createParams();
    const only = permissions === undefined ? '' : ` AND permission = ANY(${params.textArray(permissions)})`;
    const rows = await select(
      query(
        `SELECT object_id, permission, principal FROM access_control_entries
         WHERE object_id = ANY(${params.textArray(objectIds)})${only}
         ORDER BY object_id, permission, principal`,
        params,
      ),
    );
    return group(rows);
  }

  function boundPairs(bound: readonly BoundPermission[], params: ReturnType<typeof createParams>): string {
    return `unnest(${params.textArray(bound.map(([objectId]) => objectId))}, ${params.textArray(
      bound.map(([, permission]) => permission),
    )}) AS b(object_id, permission)`;
  }

  return {
    async addUserPrincipal(userId, principal) {
      const params = createParams();
      await change(
        query(
          `INSERT INTO user_principals (user_id, principal)
           VALUES (${params.text(userId)}, ${params.text(principal)}) ON CONFLICT DO NOTHING`,
          params,
        ),
      );
    },

    async removeUserPrincipal(userId, principal) {
      const params = createParams();
      await change(
        query(
          `DELETE FROM user_principals
           WHERE user_id = ${params.text(userId)} AND principal = ${params.text(principal)}`,
          params,
        ),
      );
    },

    async removePrincipal(principal) {
      const params = createParams();
      await change(query(`DELETE FROM user_principals WHERE principal = ${params.text(principal)}`, params));
    },

    async getUserPrincipals(userId) {
      const params = createParams();
      const rows = await select(
        query(
          `SELECT DISTINCT principal FROM user_principals
           WHERE user_id IN (${params.text(userId)}, ${params.text(AUTHENTICATED)}) ORDER BY principal`,
          params,
        ),
      );
      return rows.map((row) => row.principal as string);
    },

    async addPrincipalToAce(objectId, permission, principal) {
      executor.memo?.acesChanged(objectId);
      const params = createParams();
      await change(
        query(
          `INSERT INTO access_control_entries (object_id, permission, principal)
           VALUES (${params.text(objectId)}, ${params.text(permission)}, ${params.text(principal)})
           ON CONFLICT DO NOTHING`,
          params,
        ),
      );
    },

    async removePrincipalFromAce(objectId, permission, principal) {
      executor.memo?.acesChanged(objectId);
      const params = createParams();
      await change(
        query(
          `DELETE FROM access_control_entries WHERE object_id = ${params.text(objectId)}
           AND permission = ${params.text(permission)} AND principal = ${params.text(principal)}`,
          params,
        ),
      );
    },

    getObjectPermissionPrincipals: principalsOf,

    async getObjectPermissions(objectId) {
      return (await acesOf([objectId])).get(objectId) ?? {};
    },

    async getObjectsPermissions(objectIds, permissions) {
      const aces = await acesOf(objectIds, permissions);
      // Each caller gets its own copy, also when an id is asked for twice.
      return objectIds.map((objectId) => structuredClone(aces.get(objectId) ?? {}));
    },

    async replaceObjectPermissions(objectId, permissions) {
      const entries = Object.entries(structuredClone(permissions));
      executor.memo?.acesChanged(objectId);
      await executor.transaction(async (tx) => {
        for (const [permission, principals] of entries) {
          const params = createParams();
          await runPrepared(
            tx,
            query(
              `DELETE FROM access_control_entries WHERE object_id = ${params.text(objectId)}
               AND permission = ${params.text(permission)} AND NOT (principal = ANY(${params.textArray(principals)}))`,
              params,
            ),
          );
          if (principals.length === 0) continue;
          const insert = createParams();
          await runPrepared(
            tx,
            query(
              `INSERT INTO access_control_entries (object_id, permission, principal)
               SELECT ${insert.text(objectId)}, ${insert.text(permission)}, p
               FROM unnest(${insert.textArray(principals)}) AS p ON CONFLICT DO NOTHING`,
              insert,
            ),
          );
        }
      });
    },

    async deleteObjectPermissions(objectIds) {
      if (objectIds.length === 0) return;
      const wildcard = objectIds.some((objectId) => objectId.endsWith('/*'));
      for (const objectId of wildcard ? [undefined] : objectIds) executor.memo?.acesChanged(objectId);
      const params = createParams();
      const exact: string[] = [];
      const conditions: string[] = [];
      for (const objectId of objectIds) {
        if (!objectId.endsWith('/*')) {
          exact.push(objectId);
          continue;
        }
        // The descendants of `x` are the ids in ['x/', 'x0'): '0' follows '/' in code-point order
        // (the column is COLLATE "C"), so this is a range of the primary key, with no pattern to escape.
        const prefix = objectId.slice(0, -1);
        conditions.push(
          `(object_id >= ${params.text(prefix)} AND object_id < ${params.text(`${prefix.slice(0, -1)}0`)})`,
        );
      }
      if (exact.length > 0) conditions.unshift(`object_id = ANY(${params.textArray(exact)})`);
      await changePlanned(
        query(`DELETE FROM access_control_entries WHERE ${conditions.join(' OR ')}`, params),
      );
    },

    async getAuthorizedPrincipals(bound) {
      if (bound.length === 0) return [];
      const params = createParams();
      const rows = await select(
        query(
          `SELECT DISTINCT a.principal FROM access_control_entries a JOIN ${boundPairs(bound, params)}
           ON a.object_id = b.object_id AND a.permission = b.permission ORDER BY a.principal`,
          params,
        ),
      );
      return rows.map((row) => row.principal as string);
    },

    async checkPermission(principals, bound) {
      const list = [...principals];
      if (bound.length === 0 || list.length === 0) return false;
      const ask = async () => {
        const params = createParams();
        const rows = await select(
          query(
            `SELECT EXISTS (SELECT 1 FROM access_control_entries a JOIN ${boundPairs(bound, params)}
               ON a.object_id = b.object_id AND a.permission = b.permission
             WHERE a.principal = ANY(${params.textArray(list)})) AS allowed`,
            params,
          ),
        );
        return rows[0]?.allowed === true;
      };
      if (!executor.memo) return ask();
      const objects = bound.map(([objectId]) => objectId);
      return executor.memo.permission(JSON.stringify([list, bound]), objects, ask);
    },

    async getAccessibleObjects(principals, bound, options) {
      const list = [...principals];
      const result = new Map<string, Set<Permission>>();
      if (list.length === 0 || (bound !== undefined && bound.length === 0)) return result;
      const params = createParams();
      let where = `principal = ANY(${params.textArray(list)})`;
      if (bound !== undefined) {
        const withChildren = options?.withChildren ?? true;
        const alternatives = bound.map(
          ([pattern, permission]) =>
            `(permission = ${params.text(permission)} AND ${objectIdCondition(pattern, withChildren, params)})`,
        );
        where += ` AND (${alternatives.join(' OR ')})`;
      }
      let text = `SELECT DISTINCT object_id, permission FROM access_control_entries WHERE ${where}`;
      if (options?.limit !== undefined) {
        const limit = params.bigint(checkCount(options.limit, 'getAccessibleObjects: `limit`'));
        // The first objects found, then every permission held on them.
        text = `WITH picked AS (SELECT DISTINCT object_id FROM access_control_entries WHERE ${where} LIMIT ${limit})
          SELECT DISTINCT object_id, permission FROM access_control_entries JOIN picked USING (object_id)
          WHERE ${where}`;
      }
      const rows = await selectPlanned(query(text, params));
      for (const row of rows) {
        const objectId = row.object_id as string;
        let held = result.get(objectId);
        if (held === undefined) {
          held = new Set();
          result.set(objectId, held);
        }
        held.add(row.permission as string);
      }
      return result;
    },
  };
}
