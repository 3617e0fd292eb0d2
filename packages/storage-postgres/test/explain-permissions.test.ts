import type { SharedRestriction, StorageOperations } from '@core/contracts';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresBackends } from '../src/backends.ts';
import { createPostgresPermission } from '../src/permission.ts';
import { planningClient } from './support/planning-client.ts';
import { freshSchema, postgresAvailable } from './support/postgres.ts';

const available = await postgresAvailable();
const schema = available ? await freshSchema('explain_acl') : '';
const sharedSchema = available ? await freshSchema('explain_shared') : '';
const LISTS = 100;
const PER_LIST = 1_000;
const collection = (n: number) => `/buckets/b/collections/c${n}`;

describe.skipIf(!available)('F-PERM-07 ACE clean-up on 100k ACEs (issue 23 item 2)', () => {
  let sql: Sql;
  let planOf: (call: () => Promise<unknown>) => Promise<string>;

  beforeAll(async () => {
    ({ sql, planOf } = planningClient(schema));
    // The owner's `write` on every record, a reader's `read` on every 100th.
    await sql.unsafe(
      `INSERT INTO access_control_entries (object_id, permission, principal)
       SELECT '/buckets/b/collections/c' || (n % ${LISTS}) || '/records/r' || n, 'write', 'account:owner'
       FROM generate_series(1, ${LISTS * PER_LIST}) AS n
       UNION ALL
       SELECT '/buckets/b/collections/c' || (n % ${LISTS}) || '/records/r' || n, 'read', 'account:reader'
       FROM generate_series(100, ${LISTS * PER_LIST}, 100) AS n`,
    );
    await sql.unsafe('ANALYZE access_control_entries');
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
  });

  it('deleting one object (itself and its "/*" descendants) reads the primary key, never the table', async () => {
    const permission = createPostgresPermission({ sql });
    const uri = `${collection(7)}/records/r50007`;
    const plan = await planOf(() => permission.deleteObjectPermissions([uri, `${uri}/*`]));
    if (process.env.SHOW_PLANS) console.log('delete one', plan);
    expect(plan).toMatch(/access_control_entries_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
    await permission.deleteObjectPermissions([uri, `${uri}/*`]);
    expect(await permission.getObjectPermissions(uri)).toEqual({});
    expect(await permission.getObjectPermissions(`${collection(7)}/records/r50107`)).toEqual({
      write: ['account:owner'],
    });
  });

  it('deleting a collection with its records is a range of the primary key under that collection only', async () => {
    const permission = createPostgresPermission({ sql });
    const plan = await planOf(() =>
      permission.deleteObjectPermissions([collection(3), `${collection(3)}/*`]),
    );
    if (process.env.SHOW_PLANS) console.log('delete collection', plan);
    expect(plan).toMatch(/access_control_entries_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
    await permission.deleteObjectPermissions([collection(3), `${collection(3)}/*`]);
    const rows = await sql.unsafe(
      `SELECT count(*)::int AS left FROM access_control_entries WHERE object_id LIKE '/buckets/b/collections/c3%'`,
    );
    // c3's 1,000 ACEs are gone; the 10,000 of c30..c39 are kept.
    expect(rows[0]?.left).toBe(10 * PER_LIST);
  });
});

describe.skipIf(!available)('F-PERM-05 shared listings joined with the ACEs (issue 23 item 3)', () => {
  const SHARED_LIST = { resource: 'record', parent: '/buckets/b/collections/shared' };
  const RECORDS = 100_000;
  const shared: SharedRestriction = {
    uriPrefix: '/buckets/b/collections/shared/records/',
    permissions: ['read', 'write'],
    principals: ['account:reader', 'system.Authenticated', 'system.Everyone'],
  };
  let sql: Sql;
  let planOf: (call: () => Promise<unknown>) => Promise<string>;
  const inTransaction = <T>(fn: (storage: StorageOperations) => Promise<T>) =>
    createPostgresBackends({ sql }).transaction(({ storage }) => fn(storage));

  beforeAll(async () => {
    ({ sql, planOf } = planningClient(sharedSchema));
    // One list of 50,000 records, as bench:scale seeds it: the owner's `write` on each, the reader's
    // `read` on 1 % of them (s0, s100, ...); as many records of other lists, with their owner's ACEs.
    await sql.unsafe(
      `INSERT INTO objects (resource_name, parent_id, id, last_modified, data, deleted)
       SELECT 'record', '/buckets/b/collections/shared', 's' || n, 1000000 + n, jsonb_build_object('n', n), false
       FROM generate_series(0, ${RECORDS - 1}) AS n
       UNION ALL
       SELECT 'record', '/buckets/b/collections/other' || (n % 10), 'o' || n, 1000000 + n, '{}', false
       FROM generate_series(0, ${RECORDS - 1}) AS n`,
    );
    await sql.unsafe(
      `INSERT INTO access_control_entries (object_id, permission, principal)
       SELECT '/buckets/b/collections/shared/records/s' || n, 'write', 'account:owner'
       FROM generate_series(0, ${RECORDS - 1}) AS n
       UNION ALL
       SELECT '/buckets/b/collections/shared/records/s' || n, 'read', 'account:reader'
       FROM generate_series(0, ${RECORDS - 1}, 100) AS n
       UNION ALL
       SELECT '/buckets/b/collections/other' || (n % 10) || '/records/o' || n, 'write', 'account:owner'
       FROM generate_series(0, ${RECORDS - 1}) AS n`,
    );
    await sql.unsafe('VACUUM ANALYZE objects');
    await sql.unsafe('VACUUM ANALYZE access_control_entries');
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
  });

  it.each([
    ['page 1', {}],
    ['a deep keyset page', { after: { last_modified: 1_050_050, id: 's50050' } }],
  ])(
    "%s walks the list's timestamp index and probes the ACE primary key per object, no sort",
    async (_name, after) => {
      const options = { limit: 11, ...after };
      const plan = await planOf(() =>
        inTransaction((storage) => storage.listShared!(SHARED_LIST, shared, options)),
      );
      if (process.env.SHOW_PLANS) console.log('shared page', plan);
      expect(plan).toMatch(/Nested Loop Semi Join/);
      expect(plan).toMatch(/Index Scan using idx_objects_last_modified on objects/);
      expect(plan).toMatch(/Index Only Scan using access_control_entries_pkey/);
      expect(plan).not.toMatch(/Seq Scan|Sort|Hash/);
      const page = await inTransaction((storage) => storage.listShared!(SHARED_LIST, shared, options));
      const newest = 'after' in after ? 50_000 : RECORDS - 100;
      expect(page.map((object) => object.id)).toEqual(
        Array.from({ length: 11 }, (_, i) => `s${newest - 100 * i}`),
      );
    },
  );

  it("a count reads the caller's ACEs under the prefix and looks each object up by its key", async () => {
    const plan = await planOf(() => inTransaction((storage) => storage.countShared!(SHARED_LIST, shared)));
    if (process.env.SHOW_PLANS) console.log('shared count', plan);
    expect(plan).toMatch(/idx_aces_principal/);
    expect(plan).toMatch(/Index Scan using objects_pkey on objects/);
    expect(plan).not.toMatch(/Seq Scan/);
    expect(await inTransaction((storage) => storage.countShared!(SHARED_LIST, shared))).toBe(RECORDS / 100);
    const filtered = [{ field: 'n', operator: 'lt' as const, value: 1000 }];
    expect(await inTransaction((storage) => storage.countShared!(SHARED_LIST, shared, filtered))).toBe(10);
  });
});
